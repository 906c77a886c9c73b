import { addMonths, BusinessDate } from '../shared/business-date';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/** The last business date on which a seat's tranches may still be approved or paid. */
export function trancheWindowEndsOn(
  firstApprovedOn: BusinessDate,
  policy: PolicyVersion,
): BusinessDate {
  return addMonths(firstApprovedOn, policy.seat.windowMonths);
}

/**
 * R-SEAT-4: all tranches of a seat fall within `windowMonths` of the business
 * date its first tranche was approved; the day exactly 24 months later is still
 * inside. `what` says whether an approval or a payment is being checked.
 */
export function trancheWindowRule(
  firstApprovedOn: BusinessDate | undefined,
  date: BusinessDate,
  policy: PolicyVersion,
  what: 'approval' | 'payment',
): Refusal | undefined {
  if (firstApprovedOn === undefined) return undefined;
  const endsOn = trancheWindowEndsOn(firstApprovedOn, policy);
  if (date <= endsOn) return undefined;
  return refuse(
    'R-SEAT-4',
    `${what} on ${date} is after ${endsOn}, ${policy.seat.windowMonths} months after the first tranche (${firstApprovedOn})`,
  );
}
