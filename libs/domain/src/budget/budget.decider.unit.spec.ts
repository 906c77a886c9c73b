import {
  BudgetEvent,
  BudgetState,
  decideAdjustBudget,
  decideAppropriateBudget,
  decideCommitBudget,
  decideReleaseBudgetCommitment,
  decideSettleBudgetCommitment,
  evolveBudget,
  initialBudgetState,
  parseBudgetId,
} from './budget.decider';

const budgetId = 'seat-2026';
const fold = (events: BudgetEvent[], s: BudgetState = initialBudgetState()) =>
  events.reduce(evolveBudget, s);
const appropriated = () =>
  fold(
    decideAppropriateBudget(initialBudgetState(), {
      budgetId,
      programme: 'seat',
      fiscalYear: 2026,
      amountFen: 1_000_000,
      documentRef: '同财社〔2026〕1号',
      recordedBy: 'fin-1',
    }),
  );
const committed = (amountFen: number) => {
  const s = appropriated();
  return fold(commit(s, 'a.t1', amountFen), s);
};
const commit = (s: BudgetState, trancheId: string, amountFen: number, commitmentId = trancheId) =>
  decideCommitBudget(s, {
    budgetId,
    programme: 'seat',
    fiscalYear: 2026,
    commitmentId,
    trancheId,
    amountFen,
    committedOn: '2026-03-01',
  });

describe('budget decider (R-BUDGET)', () => {
  it('given a budget, when appropriated again, then 409 and nothing written', () => {
    expect(() =>
      decideAppropriateBudget(appropriated(), {
        budgetId,
        programme: 'seat',
        fiscalYear: 2026,
        amountFen: 1,
        documentRef: 'x',
        recordedBy: 'fin-1',
      }),
    ).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });

  it('given 1,000,000 fen appropriated, when tranches commit 600,000 and 400,000, then a further fen is refused with R-BUDGET', () => {
    let s = appropriated();
    s = fold(commit(s, 'a.t1', 600_000), s);
    s = fold(commit(s, 'b.t1', 400_000), s);
    expect(s.committedFen).toBe(1_000_000);
    expect(() => commit(s, 'c.t1', 1)).toThrow(
      expect.objectContaining({ kind: 'rule', rule: 'R-BUDGET' }),
    );
  });

  it('given no budget, when a tranche commits, then R-BUDGET refuses it', () => {
    expect(() => commit(initialBudgetState(), 'a.t1', 1)).toThrow(
      expect.objectContaining({ rule: 'R-BUDGET' }),
    );
  });

  it('given a live commitment of a tranche, when it commits again (a retry), then nothing is written', () => {
    const s = committed(600_000);
    expect(commit(s, 'a.t1', 600_000, 'other')).toEqual([]);
  });

  it('given a commitment of 600,000, when settled at 500,000, then 100,000 goes back; settling again writes nothing', () => {
    let s = committed(600_000);
    const cmd = {
      budgetId,
      trancheId: 'a.t1',
      amountFen: 500_000,
      decidedOn: '2026-03-01',
      commitmentId: 'x',
    };
    s = fold(decideSettleBudgetCommitment(s, cmd), s);
    expect(s.committedFen).toBe(500_000);
    expect(decideSettleBudgetCommitment(s, cmd)).toEqual([]);
  });

  it('given a settled tranche, when it is cancelled, then its whole commitment is released once', () => {
    let s = committed(600_000);
    s = fold(
      decideSettleBudgetCommitment(s, {
        budgetId,
        trancheId: 'a.t1',
        amountFen: 600_000,
        decidedOn: '2026-03-01',
        commitmentId: 'x',
      }),
      s,
    );
    const release = {
      budgetId,
      trancheId: 'a.t1',
      releasedOn: '2026-05-01',
      cause: { kind: 'tranche-cancelled' as const, id: 'case-1' },
      holdFen: 0,
    };
    s = fold(decideReleaseBudgetCommitment(s, release), s);
    expect(s.committedFen).toBe(0);
    expect(decideReleaseBudgetCommitment(s, release)).toEqual([]);
  });

  it('given a commitment released before its approval was recorded, when the approval is recorded anyway, then it is committed as recorded', () => {
    let s = committed(600_000);
    s = fold(
      decideReleaseBudgetCommitment(s, {
        budgetId,
        trancheId: 'a.t1',
        releasedOn: '2026-03-01',
        cause: { kind: 'approval-refused', id: 'a.t1' },
        holdFen: 0,
      }),
      s,
    );
    expect(s.committedFen).toBe(0);
    const events = decideSettleBudgetCommitment(s, {
      budgetId,
      trancheId: 'a.t1',
      amountFen: 250_000,
      decidedOn: '2026-03-01',
      commitmentId: 'again',
    });
    expect(events.map((e) => e.type)).toEqual(['BudgetCommitted', 'BudgetCommitmentSettled']);
    expect(fold(events, s).committedFen).toBe(250_000);
  });

  it('given 800,000 committed of 1,000,000, when the appropriation is cut by 200,001, then R-BUDGET refuses it; by 200,000 it is adjusted', () => {
    const s = committed(800_000);
    const adj = (amountFen: number) =>
      decideAdjustBudget(s, {
        budgetId,
        adjustmentId: 'adj-1',
        decidedOn: '2026-06-01',
        amountFen,
        documentRef: '同财社〔2026〕9号',
        reason: '年中调整',
        recordedBy: 'fin-1',
      });
    expect(() => adj(-200_001)).toThrow(expect.objectContaining({ rule: 'R-BUDGET' }));
    expect(fold(adj(-200_000), s).appropriatedFen).toBe(800_000);
  });

  it('given a year of commitments, when each is folded, then the commitments map grows where it is instead of being copied (a copy per event made folding a year quadratic)', () => {
    let s = appropriated();
    const map = s.commitments;
    for (let i = 0; i < 1_000; i++) {
      s = fold(commit(s, `t${i}`, 100), s);
      s = fold(
        decideSettleBudgetCommitment(s, {
          budgetId,
          trancheId: `t${i}`,
          amountFen: 100,
          decidedOn: '2026-03-02',
          commitmentId: `t${i}`,
        }),
        s,
      );
    }
    expect(s.commitments).toBe(map);
    expect(s.commitments.size).toBe(1_000);
    expect(s.committedFen).toBe(100_000);
  });

  it('given budget ids, when parsed, then only programme-year ids are budgets', () => {
    expect(parseBudgetId('siteLease-2026')).toEqual({ programme: 'siteLease', fiscalYear: 2026 });
    expect(parseBudgetId('nope-2026')).toBeUndefined();
    expect(parseBudgetId('seat-26')).toBeUndefined();
  });
});
