import { event, invariantSpecification } from '../testing/invariant-specification';
import { PersonMonthsInvariant } from './person-months.invariant';

const spec = invariantSpecification(() => new PersonMonthsInvariant());
const claimed = (claimId: string, months: string[]) =>
  event('PersonMonthsClaimed', { personKey: 'p1', claimId, enterpriseId: 'E', months });
const releasedMonths = (claimId: string) =>
  event('PersonMonthsReleased', { personKey: 'p1', claimId });

describe('R-SEAT-6 over the history (PersonMonthsInvariant)', () => {
  it('given a claim on 2023-01..02, when another claim takes 2023-02, then R-SEAT-6 is broken naming the month', () => {
    spec
      .given(claimed('A.c1', ['2023-01', '2023-02']))
      .when(claimed('B.c1', ['2023-02', '2023-03']))
      .thenViolates('R-SEAT-6', /2023-02 \(claim A\.c1\)/);
  });

  it('given a claim, when the same claim adds later months (evidence), then it holds', () => {
    spec
      .given(claimed('A.c1', ['2023-01']))
      .when(claimed('A.c1', ['2023-01', '2023-02']))
      .thenHolds();
  });

  it('given a released claim, when another claim takes its months, then it holds', () => {
    spec
      .given(claimed('A.c1', ['2023-01']), releasedMonths('A.c1'))
      .when(claimed('B.c1', ['2023-01']))
      .thenHolds();
  });
});
