import { event, invariantSpecification } from '../testing/invariant-specification';
import { BudgetInvariant } from './budget.invariant';

const spec = invariantSpecification(() => new BudgetInvariant());
const appropriated = (amountFen: number) =>
  event('BudgetAppropriated', {
    budgetId: 'seat-2023',
    programme: 'seat',
    fiscalYear: 2023,
    amountFen,
  });
const committed = (trancheId: string, amountFen: number) =>
  event('BudgetCommitted', {
    budgetId: 'seat-2023',
    commitmentId: trancheId,
    trancheId,
    amountFen,
    committedOn: '2023-03-01',
  });
const settled = (trancheId: string, amountFen: number) =>
  event('BudgetCommitmentSettled', {
    budgetId: 'seat-2023',
    commitmentId: trancheId,
    trancheId,
    amountFen,
  });
const released = (trancheId: string, amountFen: number) =>
  event('BudgetCommitmentReleased', {
    budgetId: 'seat-2023',
    commitmentId: trancheId,
    trancheId,
    amountFen,
  });
const adjusted = (amountFen: number) =>
  event('BudgetAdjusted', {
    budgetId: 'seat-2023',
    adjustmentId: 'a1',
    decidedOn: '2023-06-01',
    amountFen,
  });

describe('R-BUDGET: committed never exceeds appropriated (BudgetInvariant)', () => {
  it('given 500,000 appropriated and 300,000 committed then settled at 200,000, when 300,000 more are committed, then it holds', () => {
    spec
      .given(appropriated(500_000), committed('a.t1', 300_000), settled('a.t1', 200_000))
      .when(committed('b.t1', 300_000))
      .thenHolds();
  });

  it('given 500,000 appropriated and 300,000 committed, when 200,001 more are committed, then it is named', () => {
    spec
      .given(appropriated(500_000), committed('a.t1', 300_000))
      .when(committed('b.t1', 200_001))
      .thenViolates('R-BUDGET', /500001 fen committed, more than the 500000 fen appropriated/);
  });

  it('given a tranche released, when its money is committed by another, then it holds', () => {
    spec
      .given(appropriated(500_000), committed('a.t1', 500_000), released('a.t1', 500_000))
      .when(committed('b.t1', 500_000))
      .thenHolds();
  });

  it('given everything committed, when the appropriation is cut, then it is named', () => {
    spec
      .given(appropriated(500_000), committed('a.t1', 500_000))
      .when(adjusted(-1))
      .thenViolates('R-BUDGET', /more than the 499999 fen appropriated/);
  });

  it('given no appropriation, when a tranche commits, then it is named', () => {
    spec
      .given()
      .when(committed('a.t1', 1))
      .thenViolates('R-BUDGET', /before it was appropriated/);
  });
});
