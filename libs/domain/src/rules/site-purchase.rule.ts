import { addMonths, BusinessDate } from '../shared/business-date';
import { Fen, percentOfFen, sumFen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/** Areas are whole square decimetres (0.01 m², the precision of a property certificate). */
export const DM2_PER_M2 = 100;

export interface PurchaseSubsidy {
  /** The area counted: the certificate's, at most the policy's maximum. */
  areaDm2Counted: number;
  totalFen: Fen;
  /** Years 1…n, adding up exactly to `totalFen`. */
  yearFen: Fen[];
}

/**
 * R-SITE-BUY (Art. 4(3)): 500 yuan per m² of the office bought, at most
 * 5,000 m² counted; paid over five years as 30/25/15/15/15 % of the total.
 * Years 1 to n−1 are each rounded down to the fen; the last year takes the
 * remainder, so the years add up exactly to the total.
 */
export function purchaseSubsidy(areaDm2: number, policy: PolicyVersion): PurchaseSubsidy {
  if (!Number.isSafeInteger(areaDm2) || areaDm2 < 0) throw new RangeError('area must be whole dm²');
  const { purchaseFenPerM2, purchaseAreaM2Max, purchaseYearBasisPoints } = policy.site;
  const areaDm2Counted = Math.min(areaDm2, purchaseAreaM2Max * DM2_PER_M2);
  const totalFen = Math.floor((areaDm2Counted * purchaseFenPerM2) / DM2_PER_M2);
  if (!Number.isSafeInteger(totalFen)) throw new RangeError('purchase subsidy out of range');
  return { areaDm2Counted, totalFen, yearFen: purchaseYearFen(totalFen, purchaseYearBasisPoints) };
}

/** Each year's share rounded down, the last year the remainder (R-SITE-BUY). */
export function purchaseYearFen(totalFen: Fen, yearBasisPoints: readonly number[]): Fen[] {
  const years = yearBasisPoints.map((bp) => percentOfFen(totalFen, bp));
  const before = sumFen(years.slice(0, -1));
  years[years.length - 1] = totalFen - before;
  return years;
}

/** R-SITE-BUY: "先购后补", buy first, subsidy after: the purchase predates the application. */
export function purchaseRule(
  areaDm2: number,
  purchasedOn: BusinessDate,
  submittedOn: BusinessDate,
): Refusal | undefined {
  if (areaDm2 <= 0) return refuse('R-SITE-BUY', 'the office bought must have an area');
  if (purchasedOn > submittedOn) {
    return refuse(
      'R-SITE-BUY',
      `the office is bought on ${purchasedOn}; the subsidy is applied for after the purchase, not on ${submittedOn}`,
    );
  }
  return undefined;
}

/**
 * R-SITE-BUY: year k is paid in order, once, and not before the (k−1)th
 * anniversary of the purchase (year 1 from the purchase itself).
 */
export function purchaseTrancheRule(
  year: number,
  decidedOn: BusinessDate,
  purchasedOn: BusinessDate,
  approvedYears: readonly number[],
  years: number,
): Refusal | undefined {
  if (!Number.isInteger(year) || year < 1 || year > years) {
    return refuse('R-SITE-BUY', `a purchase is paid for years 1 to ${years}`);
  }
  if (approvedYears.includes(year)) {
    return refuse('R-SITE-BUY', `purchase year ${year} is already approved`);
  }
  const next = approvedYears.length === 0 ? 1 : Math.max(...approvedYears) + 1;
  if (year !== next) {
    return refuse(
      'R-SITE-BUY',
      `purchase years are approved in order: the next one is year ${next}`,
    );
  }
  const from = addMonths(purchasedOn, 12 * (year - 1));
  if (decidedOn < from) {
    return refuse(
      'R-SITE-BUY',
      `purchase year ${year} may be decided from ${from}, not on ${decidedOn}`,
    );
  }
  return undefined;
}
