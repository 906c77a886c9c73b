import { BusinessDate, daysBetween } from '../shared/business-date';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/** Calendar days of a notice, counting the first and the last day. */
export function publicityDays(startsOn: BusinessDate, endsOn: BusinessDate): number {
  return daysBetween(startsOn, endsOn) + 1;
}

/** R-PUB: a publicity notice runs for at least `minDays` days. */
export function publicityDurationRule(
  startsOn: BusinessDate,
  endsOn: BusinessDate,
  policy: PolicyVersion,
): Refusal | undefined {
  const days = publicityDays(startsOn, endsOn);
  if (days >= policy.publicity.minDays) return undefined;
  return refuse(
    'R-PUB',
    `the notice runs ${days} days (${startsOn} to ${endsOn}); at least ${policy.publicity.minDays} are needed`,
  );
}
