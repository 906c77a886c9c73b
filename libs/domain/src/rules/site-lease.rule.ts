import { addDays, addMonths, BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

const MONTHS_PER_YEAR = 12;

/**
 * R-SITE-LEASE (Art. 4(1)): the lease contract runs 5 years or more.
 * `endsOn` is the lease's last day (inclusive), as contracts write it: a lease
 * from 2023-01-01 to 2027-12-31 is 5 years; to 2027-12-30 it is 4 years and
 * 364 days, and refused. The anniversary of 29 February is 28 February
 * (`addMonths` clamps), so a lease from 2024-02-29 is 5 years if it runs to
 * 2029-02-27.
 */
export function leaseDurationRule(
  startsOn: BusinessDate,
  endsOn: BusinessDate,
  policy: PolicyVersion,
): Refusal | undefined {
  const years = policy.site.leaseMinYears;
  const firstDayAfter = addMonths(startsOn, MONTHS_PER_YEAR * years);
  if (addDays(endsOn, 1) >= firstDayAfter) return undefined;
  return refuse(
    'R-SITE-LEASE',
    `the lease runs ${startsOn} to ${endsOn}, less than ${years} years (it would have to end on ${addDays(firstDayAfter, -1)} or later)`,
  );
}

/** Lease year k (1-based) of a lease starting on `startsOn`, both ends inclusive. */
export function leaseYearOf(
  startsOn: BusinessDate,
  year: number,
): { from: BusinessDate; to: BusinessDate } {
  return {
    from: addMonths(startsOn, MONTHS_PER_YEAR * (year - 1)),
    to: addDays(addMonths(startsOn, MONTHS_PER_YEAR * year), -1),
  };
}

/**
 * R-SITE-LEASE: five yearly payments, each once, in any order.
 * **Interpretation (RULES.md):** the policy grants five years of subsidy for
 * the lease, so a lease filed in its second or a later year forfeits nothing:
 * a year is payable from its first day on, also after it ended. It is never
 * decided before it begins, because its effective seats are not known yet.
 */
export function leaseTrancheRule(
  year: number,
  decidedOn: BusinessDate,
  lease: { startsOn: BusinessDate; endsOn: BusinessDate },
  approvedYears: readonly number[],
  policy: PolicyVersion,
): Refusal | undefined {
  const years = policy.site.leaseYearFen.length;
  if (!Number.isInteger(year) || year < 1 || year > years) {
    return refuse('R-SITE-LEASE', `a lease is paid for years 1 to ${years}`);
  }
  if (approvedYears.includes(year)) {
    return refuse('R-SITE-LEASE', `lease year ${year} is already approved`);
  }
  const { from } = leaseYearOf(lease.startsOn, year);
  if (decidedOn < from) {
    return refuse(
      'R-SITE-LEASE',
      `lease year ${year} begins on ${from}; its effective seats cannot be counted on ${decidedOn}`,
    );
  }
  return undefined;
}

/**
 * R-SITE-LEASE with R-EFF: the day whose effective-seat count ("the effective
 * seats recognised for that year") lease year k pays for. Decided within the
 * year: the decision date, as always. Decided after the year ended: the
 * year's last day, i.e. the latest recognition on or before it, so a later
 * roster never pays for an earlier year (a roster for a past year is recorded
 * with its own, past, `recognizedOn`).
 */
export function leaseSeatsCountedOn(
  leaseStartsOn: BusinessDate,
  year: number,
  decidedOn: BusinessDate,
): BusinessDate {
  const { to } = leaseYearOf(leaseStartsOn, year);
  return decidedOn <= to ? decidedOn : to;
}

/** R-SITE-LEASE: the per-seat amount of lease year k (2,500 yuan in years 1-3, 1,250 in 4-5). */
export function leaseYearFenPerSeat(year: number, policy: PolicyVersion): Fen {
  const fen = policy.site.leaseYearFen[year - 1];
  if (fen === undefined) throw new RangeError(`no lease amount for year ${year}`);
  return fen;
}

/** R-SITE-LEASE: what lease year k pays for `seats` effective seats. */
export function leaseTrancheFen(seats: number, year: number, policy: PolicyVersion): Fen {
  if (!Number.isSafeInteger(seats) || seats < 0) throw new RangeError('seats must be a count');
  const amount = seats * leaseYearFenPerSeat(year, policy);
  if (!Number.isSafeInteger(amount)) throw new RangeError('lease tranche amount out of range');
  return amount;
}
