import { ClawbackBalance, outstandingOf, RecoveryAllocation } from './recovery-allocation.rule';

/**
 * R-FRAUD **interpretation** (RULES.md): the person-cap usage of a false claim
 * is released once that claim's clawback is fully recovered, not before, or the
 * city would pay twice for one person. Returns the claims this recovery
 * settles: every one of their clawbacks is repaid after it and was not before.
 * Their paid cap reservations (and their months, R-SEAT-6) are then released.
 */
export function capReleaseOnRecoveryRule(
  clawbacks: readonly ClawbackBalance[],
  allocations: readonly RecoveryAllocation[],
): string[] {
  const repaid = new Map<string, number>();
  for (const a of allocations)
    repaid.set(a.clawbackId, (repaid.get(a.clawbackId) ?? 0) + a.amountFen);
  const byClaim = new Map<string, { before: number; after: number }>();
  for (const c of clawbacks) {
    const before = outstandingOf(c);
    const after = before - (repaid.get(c.clawbackId) ?? 0);
    const sums = byClaim.get(c.claimId) ?? { before: 0, after: 0 };
    byClaim.set(c.claimId, { before: sums.before + before, after: sums.after + after });
  }
  return [...byClaim.entries()]
    .filter(([, s]) => s.before > 0 && s.after === 0)
    .map(([claimId]) => claimId);
}
