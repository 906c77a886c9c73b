import { BusinessDate, Month, monthOf } from '../shared/business-date';
import { Refusal, refuse } from './refusal';

/**
 * R-SEAT-2: a month counts only when the enterprise paid both wages and social
 * insurance for it, and only when it is no later than the month the evidence
 * was filed. Returned sorted and without duplicates.
 */
export function qualifyingMonths(
  wageMonths: readonly Month[],
  insuranceMonths: readonly Month[],
  filedOn: BusinessDate,
): Month[] {
  const insured = new Set(insuranceMonths);
  const filedMonth = monthOf(filedOn);
  const months = new Set<Month>();
  for (const m of wageMonths) if (insured.has(m) && m <= filedMonth) months.add(m);
  return [...months].sort();
}

/**
 * R-SEAT-2: evidence cannot name a month after the month it is filed in; such
 * a request is refused whole rather than silently trimmed, so the applicant
 * sees the mistake.
 */
export function evidenceMonthsRule(
  wageMonths: readonly Month[],
  insuranceMonths: readonly Month[],
  filedOn: BusinessDate,
): Refusal | undefined {
  const filedMonth = monthOf(filedOn);
  const late = [...wageMonths, ...insuranceMonths].filter((m) => m > filedMonth);
  if (late.length === 0) return undefined;
  return refuse(
    'R-SEAT-2',
    `month ${[...new Set(late)].sort()[0]} is after the month the evidence was filed (${filedMonth})`,
  );
}
