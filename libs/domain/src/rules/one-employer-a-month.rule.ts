import { Month } from '../shared/business-date';

export interface ClaimedMonths {
  claimId: string;
  enterpriseId: string;
  months: readonly Month[];
}

export interface MonthConflict {
  claimId: string;
  enterpriseId: string;
  months: Month[];
}

/**
 * R-SEAT-6: a person's month of wages and insurance backs one claim only. Any
 * other live claim on the person that already holds one of `months` conflicts;
 * this includes another claim of the same enterprise, which would pay one seat
 * twice (docs/adr/0001-stream-boundaries.md).
 */
export function monthConflicts(
  existing: readonly ClaimedMonths[],
  claimId: string,
  months: readonly Month[],
): MonthConflict[] {
  const wanted = new Set(months);
  const conflicts: MonthConflict[] = [];
  for (const other of existing) {
    if (other.claimId === claimId) continue;
    const shared = other.months.filter((m) => wanted.has(m));
    if (shared.length > 0) {
      conflicts.push({
        claimId: other.claimId,
        enterpriseId: other.enterpriseId,
        months: [...shared].sort(),
      });
    }
  }
  return conflicts;
}
