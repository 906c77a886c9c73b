import { BalanceEntry, SEAT_PROGRAMME } from '../enterprise-balance.projection';
import type { BalanceFigures, EnterpriseBalance } from '../ledger-read-models';
import { assertSafeSum, FIGURE_OF_KIND, zeroFigures } from './balance-figures';
import { compareBinary } from './compare-binary';

export type BalanceRow = Pick<
  BalanceEntry,
  'programme' | 'kind' | 'amountFen' | 'businessDate' | 'recordedAt'
>;

/**
 * An enterprise's balance from its journal rows (in any order): the sums of
 * those with `businessDate <= asOf` and, when given, `recordedAt <= asKnownAt`
 * (a canonical instant, see `knownAtParameter`). `seat` always shows; the other
 * programmes follow in BINARY order, as SQL's GROUP BY gives them.
 */
export function enterpriseBalanceOf(
  rows: readonly BalanceRow[],
  asOf: string,
  asKnownAt: string | null,
): EnterpriseBalance {
  const sums = new Map<string, BalanceFigures>();
  for (const row of rows) {
    if (compareBinary(row.businessDate, asOf) > 0) continue;
    if (asKnownAt !== null && compareBinary(row.recordedAt, asKnownAt) > 0) continue;
    let figures = sums.get(row.programme);
    if (!figures) sums.set(row.programme, (figures = zeroFigures()));
    figures[FIGURE_OF_KIND[row.kind]] += row.amountFen;
  }
  const programmes: Record<string, BalanceFigures> = { [SEAT_PROGRAMME]: zeroFigures() };
  const totals = zeroFigures();
  for (const programme of [...sums.keys()].sort(compareBinary)) {
    const figures = sums.get(programme)!;
    programmes[programme] = figures;
    for (const figure of Object.keys(totals) as (keyof BalanceFigures)[]) {
      assertSafeSum(figures[figure]);
      totals[figure] += figures[figure];
    }
  }
  return { programmes, totals };
}
