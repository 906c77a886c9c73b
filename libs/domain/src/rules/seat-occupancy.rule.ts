import { Month } from '../shared/business-date';
import { ClaimedMonths, MonthConflict } from './one-employer-a-month.rule';

/** Months a person occupied an effective seat, as the person's stream holds them (R-EFF). */
export interface OccupiedMonths {
  occupancyId: string;
  enterpriseId: string;
  seatRef: string;
  months: readonly Month[];
}

/** A conflict with the rule that refuses it: another employer, or another seat of the same one. */
export type OccupancyConflict = MonthConflict & { rule: 'R-SEAT-6' | 'R-EFF'; seatRef?: string };

function shared(months: readonly Month[], wanted: ReadonlySet<Month>): Month[] {
  return months.filter((m) => wanted.has(m)).sort();
}

/**
 * R-EFF with R-SEAT-6 (one employer a month), for a person put in an effective
 * seat. **Interpretation (ADR 0009):** a person-month is one employment. It
 * may back both a seat-subsidy claim and an effective seat **of the same
 * enterprise** (the same job seen by two programmes), but it conflicts with
 * - a seat-subsidy claim or an effective seat of **another enterprise**
 *   (R-SEAT-6: one employer a month), and
 * - another effective seat of the same enterprise (R-EFF: no person in two
 *   seats in the same month).
 * The same seat recognised again (same enterprise and seat reference, a later
 * roster) is not a conflict. Released holdings are not passed in.
 */
export function occupancyConflicts(
  claims: readonly ClaimedMonths[],
  occupancies: readonly OccupiedMonths[],
  wanted: { occupancyId: string; enterpriseId: string; seatRef: string; months: readonly Month[] },
): OccupancyConflict[] {
  const months = new Set(wanted.months);
  const conflicts: OccupancyConflict[] = [];
  for (const c of claims) {
    if (c.enterpriseId === wanted.enterpriseId) continue;
    const overlap = shared(c.months, months);
    if (overlap.length > 0) {
      conflicts.push({
        rule: 'R-SEAT-6',
        claimId: c.claimId,
        enterpriseId: c.enterpriseId,
        months: overlap,
      });
    }
  }
  for (const o of occupancies) {
    if (o.occupancyId === wanted.occupancyId) continue;
    const sameSeat = o.enterpriseId === wanted.enterpriseId && o.seatRef === wanted.seatRef;
    if (sameSeat) continue;
    const overlap = shared(o.months, months);
    if (overlap.length === 0) continue;
    conflicts.push({
      rule: o.enterpriseId === wanted.enterpriseId ? 'R-EFF' : 'R-SEAT-6',
      claimId: o.occupancyId,
      enterpriseId: o.enterpriseId,
      seatRef: o.seatRef,
      months: overlap,
    });
  }
  return conflicts;
}

/**
 * R-SEAT-6 for a seat-subsidy claim, against the person's effective-seat
 * months: an effective seat of **another** enterprise holding one of the
 * months conflicts; one of the claiming enterprise does not (same job).
 */
export function claimConflictsWithOccupancies(
  occupancies: readonly OccupiedMonths[],
  enterpriseId: string,
  months: readonly Month[],
): MonthConflict[] {
  const wanted = new Set(months);
  const conflicts: MonthConflict[] = [];
  for (const o of occupancies) {
    if (o.enterpriseId === enterpriseId) continue;
    const overlap = shared(o.months, wanted);
    if (overlap.length > 0) {
      conflicts.push({ claimId: o.occupancyId, enterpriseId: o.enterpriseId, months: overlap });
    }
  }
  return conflicts;
}
