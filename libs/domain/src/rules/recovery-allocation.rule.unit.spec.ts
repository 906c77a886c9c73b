import { ClawbackBalance, recoveryAllocationRule } from './recovery-allocation.rule';

describe('R-FRAUD recoveries repay clawbacks oldest payment first, never more than is outstanding', () => {
  const cb = (
    id: string,
    paidOn: string,
    extra: Partial<ClawbackBalance> = {},
  ): ClawbackBalance => ({
    clawbackId: id,
    claimId: id.split('/')[0],
    disbursementId: `d-${id}`,
    paidOn,
    assessedOn: '2024-03-01',
    amountFen: 250_000,
    recoveredFen: 0,
    ...extra,
  });
  // Listed newest first on purpose: the order is by payment date, not by listing.
  const clawbacks = [cb('c1/t2', '2023-10-10'), cb('c1/t1', '2023-04-10')];

  it('given two clawbacks of 2,500 yuan, when 1,000 yuan comes back, then it repays the oldest payment', () => {
    expect(recoveryAllocationRule(clawbacks, 100_000, '2024-04-01')).toEqual({
      allocations: [
        { clawbackId: 'c1/t1', claimId: 'c1', disbursementId: 'd-c1/t1', amountFen: 100_000 },
      ],
    });
  });

  it('given the oldest clawback partly repaid, when 3,000 yuan comes back, then it finishes the oldest and moves on to the next', () => {
    const partly = [clawbacks[0], { ...clawbacks[1], recoveredFen: 100_000 }];
    expect(recoveryAllocationRule(partly, 300_000, '2024-04-01')).toEqual({
      allocations: [
        { clawbackId: 'c1/t1', claimId: 'c1', disbursementId: 'd-c1/t1', amountFen: 150_000 },
        { clawbackId: 'c1/t2', claimId: 'c1', disbursementId: 'd-c1/t2', amountFen: 150_000 },
      ],
    });
  });

  it('given 5,000 yuan outstanding, when exactly 5,000 yuan comes back, then everything is repaid', () => {
    const decision = recoveryAllocationRule(clawbacks, 500_000, '2024-04-01');
    expect('allocations' in decision && decision.allocations.map((a) => a.amountFen)).toEqual([
      250_000, 250_000,
    ]);
  });

  it('given 5,000 yuan outstanding, when 5,000.01 yuan comes back, then it is refused naming R-FRAUD with what is outstanding', () => {
    expect(recoveryAllocationRule(clawbacks, 500_001, '2024-04-01')).toEqual({
      refusal: {
        rule: 'R-FRAUD',
        reason: '500001 fen is more than the 500000 fen outstanding on this case on 2024-04-01',
      },
      outstandingFen: 500_000,
    });
  });

  it('given everything repaid, when more money comes back, then it is refused naming R-FRAUD', () => {
    const repaid = clawbacks.map((c) => ({ ...c, recoveredFen: c.amountFen }));
    expect(recoveryAllocationRule(repaid, 1, '2024-04-01')).toMatchObject({
      refusal: { rule: 'R-FRAUD' },
      outstandingFen: 0,
    });
  });

  it('given a clawback that became due on 2024-03-01, when money is received on 2024-02-28, then it cannot repay it', () => {
    expect(recoveryAllocationRule(clawbacks, 100_000, '2024-02-28')).toMatchObject({
      refusal: { rule: 'R-FRAUD' },
      outstandingFen: 0,
    });
  });

  it('given two payments of the same date, when money comes back, then the one listed first is repaid first', () => {
    const sameDay = [cb('c2/t1', '2023-04-10'), cb('c1/t1', '2023-04-10')];
    const decision = recoveryAllocationRule(sameDay, 10, '2024-04-01');
    expect('allocations' in decision && decision.allocations[0].clawbackId).toBe('c2/t1');
  });

  it('given a recovery of nothing, when allocated, then it is refused naming R-FRAUD', () => {
    expect(recoveryAllocationRule(clawbacks, 0, '2024-04-01')).toMatchObject({
      refusal: { rule: 'R-FRAUD' },
    });
  });
});
