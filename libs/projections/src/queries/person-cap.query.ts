import type { PersonCapUsage } from '../ledger-read-models';
import type { PersonCapEntry } from '../person-cap.projection';
import { assertSafeSum } from './balance-figures';
import { compareBinary } from './compare-binary';

export type PersonCapRow = Pick<
  PersonCapEntry,
  'enterpriseId' | 'amountFen' | 'businessDate' | 'recordedAt'
>;

/**
 * R-SEAT-5: how much of a person's cap is used, from the person's journal rows
 * (in any order): those with `businessDate <= asOf` when given and
 * `recordedAt <= asKnownAt` when given, summed per enterprise; enterprises
 * whose share nets to zero are left out, the rest come by id in BINARY order.
 */
export function personCapOf(
  rows: readonly PersonCapRow[],
  asOf: string | undefined,
  asKnownAt: string | null,
): PersonCapUsage {
  const sums = new Map<string, number>();
  for (const row of rows) {
    if (asOf !== undefined && compareBinary(row.businessDate, asOf) > 0) continue;
    if (asKnownAt !== null && compareBinary(row.recordedAt, asKnownAt) > 0) continue;
    sums.set(row.enterpriseId, (sums.get(row.enterpriseId) ?? 0) + row.amountFen);
  }
  const byEnterprise = [...sums.keys()]
    .sort(compareBinary)
    .map((enterpriseId) => ({ enterpriseId, usedFen: assertSafeSum(sums.get(enterpriseId)!) }))
    .filter((r) => r.usedFen !== 0);
  const usedFen = assertSafeSum(byEnterprise.reduce((sum, r) => sum + r.usedFen, 0));
  return { usedFen, byEnterprise };
}
