import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/**
 * R-SEAT-3: a seat earns `trancheCount` tranches, approved in order, each once.
 * `approvedTranches` are the tranche numbers already approved (or being approved).
 */
export function trancheOrderRule(
  tranche: number,
  approvedTranches: readonly number[],
  policy: PolicyVersion,
): Refusal | undefined {
  const count = policy.seat.trancheCount;
  if (!Number.isInteger(tranche) || tranche < 1 || tranche > count) {
    return refuse('R-SEAT-3', `a seat has tranches 1 to ${count}`);
  }
  if (approvedTranches.includes(tranche)) {
    return refuse('R-SEAT-3', `tranche ${tranche} is already approved`);
  }
  const next = approvedTranches.length === 0 ? 1 : Math.max(...approvedTranches) + 1;
  if (tranche !== next) {
    return refuse('R-SEAT-3', `tranches are approved in order: the next one is tranche ${next}`);
  }
  return undefined;
}
