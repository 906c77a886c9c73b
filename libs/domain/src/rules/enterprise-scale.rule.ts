import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/** R-SEAT-1: only an enterprise with at least `minSeats` seats may apply. */
export function enterpriseScaleRule(seats: number, policy: PolicyVersion): Refusal | undefined {
  const minSeats = policy.seat.minSeats;
  if (seats >= minSeats) return undefined;
  return refuse('R-SEAT-1', `the enterprise has ${seats} seats; at least ${minSeats} are needed`);
}
