import { capReleaseOnRecoveryRule } from './cap-release-on-recovery.rule';
import { ClawbackBalance } from './recovery-allocation.rule';

describe('R-FRAUD interpretation: a false claim releases its cap only when fully recovered', () => {
  const cb = (claimId: string, k: number, recoveredFen = 0): ClawbackBalance => ({
    clawbackId: `d-${k}:${claimId}`,
    claimId,
    disbursementId: `d-${k}`,
    paidOn: `2023-0${k}-10`,
    assessedOn: '2024-03-01',
    amountFen: 250_000,
    recoveredFen,
  });
  const alloc = (claimId: string, k: number, amountFen: number) => ({
    clawbackId: `d-${k}:${claimId}`,
    claimId,
    disbursementId: `d-${k}`,
    amountFen,
  });
  const paidTwice = [cb('c1', 1), cb('c1', 2)];

  it('given a claim paid in two tranches, when only the first payment is repaid, then nothing is released', () => {
    expect(capReleaseOnRecoveryRule(paidTwice, [alloc('c1', 1, 250_000)])).toEqual([]);
  });

  it('given a claim paid in two tranches, when a partial recovery comes in, then nothing is released', () => {
    expect(capReleaseOnRecoveryRule(paidTwice, [alloc('c1', 1, 1)])).toEqual([]);
  });

  it('given the first payment repaid, when the second is repaid in full, then the claim is released', () => {
    const before = [cb('c1', 1, 250_000), cb('c1', 2)];
    expect(capReleaseOnRecoveryRule(before, [alloc('c1', 2, 250_000)])).toEqual(['c1']);
  });

  it('given two false claims, when one is fully repaid and the other partly, then only the first is released', () => {
    const before = [cb('c1', 1), cb('c2', 1)];
    expect(
      capReleaseOnRecoveryRule(before, [alloc('c1', 1, 250_000), alloc('c2', 1, 100)]),
    ).toEqual(['c1']);
  });

  it('given a claim already fully repaid, when another claim is repaid, then the first is not released again', () => {
    const before = [cb('c1', 1, 250_000), cb('c2', 1)];
    expect(capReleaseOnRecoveryRule(before, [alloc('c2', 1, 250_000)])).toEqual(['c2']);
  });
});
