import type { BalanceKind } from '../enterprise-balance.projection';
import type { BalanceFigures } from '../ledger-read-models';

/** The figure a balance row of each kind adds to. */
export const FIGURE_OF_KIND: Readonly<Record<BalanceKind, keyof BalanceFigures>> = {
  approved: 'approvedFen',
  disbursed: 'disbursedFen',
  clawbackDue: 'clawbackDueFen',
  recovered: 'recoveredFen',
};

export const zeroFigures = (): BalanceFigures => ({
  approvedFen: 0,
  disbursedFen: 0,
  clawbackDueFen: 0,
  recoveredFen: 0,
});

/** A sum of fen beyond 2^53 would be silently wrong: refuse it instead. */
export function assertSafeSum(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`sum out of integer range: ${value}`);
  return value;
}
