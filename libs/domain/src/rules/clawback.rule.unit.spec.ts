import { ClaimInTranche, clawbackRule } from './clawback.rule';

describe('R-FRAUD paid amounts become due back, unpaid amounts are cancelled', () => {
  const t = (k: number, extra: Partial<ClaimInTranche> = {}): ClaimInTranche => ({
    trancheId: `app-1.t${k}`,
    reservationId: `app-1.t${k}:app-1.c1`,
    amountFen: 250_000,
    withdrawn: false,
    ...extra,
  });
  const paid = (k: number, paidOn: string) => ({
    disbursement: { disbursementId: `d-${k}`, paidOn, bankRef: `ICBC-${k}` },
  });

  it('given a claim paid in two tranches, when found false, then each payment is one clawback and nothing is cancelled', () => {
    const decision = clawbackRule([t(1, paid(1, '2023-04-10')), t(2, paid(2, '2023-10-10'))]);
    expect(
      decision.clawbacks.map((c) => [c.trancheId, c.amountFen, c.disbursement.disbursementId]),
    ).toEqual([
      ['app-1.t1', 250_000, 'd-1'],
      ['app-1.t2', 250_000, 'd-2'],
    ]);
    expect(decision.cancellations).toEqual([]);
  });

  it('given a claim paid in tranche 1 and approved unpaid in tranche 2, when found false, then tranche 1 is due back and tranche 2 cancelled', () => {
    const decision = clawbackRule([t(1, paid(1, '2023-04-10')), t(2)]);
    expect(decision.clawbacks.map((c) => c.trancheId)).toEqual(['app-1.t1']);
    expect(decision.cancellations).toEqual([t(2)]);
  });

  it('given a claim only approved in an unpaid tranche, when found false, then it is all cancelled and nothing is due', () => {
    expect(clawbackRule([t(1)])).toEqual({ clawbacks: [], cancellations: [t(1)] });
  });

  it('given a claim an upheld objection already took out of its tranche, when found false, then that tranche is neither due nor cancelled', () => {
    expect(clawbackRule([t(1, { withdrawn: true })])).toEqual({ clawbacks: [], cancellations: [] });
  });

  it('given a claim the cap left at 0 fen in a tranche, when found false, then there is nothing to do for it', () => {
    expect(clawbackRule([t(1, { amountFen: 0 })])).toEqual({ clawbacks: [], cancellations: [] });
  });

  it('given a claim in no tranche yet, when found false, then there is nothing to claw back or cancel', () => {
    expect(clawbackRule([])).toEqual({ clawbacks: [], cancellations: [] });
  });
});
