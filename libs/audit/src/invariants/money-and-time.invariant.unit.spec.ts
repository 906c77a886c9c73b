import { event, invariantSpecification } from '../testing/invariant-specification';
import { MoneyAndTimeInvariant } from './money-and-time.invariant';

const spec = invariantSpecification(() => new MoneyAndTimeInvariant());

describe('money and time over the history (MoneyAndTimeInvariant)', () => {
  it('given integer fen and a past business date, when observed, then it holds', () => {
    spec
      .given()
      .when(event('TrancheApproved', { amountFen: 250_000, included: [{ amountFen: 1 }] }))
      .thenHolds();
  });

  it('given a fractional amount deep in the data, when observed, then MONEY names its path', () => {
    spec
      .given()
      .when(event('TrancheApproved', { included: [{ amountFen: 1 }, { amountFen: 0.5 }] }))
      .thenViolates('MONEY', /included\[1\]\.amountFen is not an integer/);
  });

  it('given a business date after the day it was recorded anywhere on earth, when observed, then TIME is broken', () => {
    spec
      .given()
      .when(event('X', {}, { businessDate: '2023-03-12', recordedAt: '2023-03-10T02:00:00.000Z' }))
      .thenViolates('TIME', /in the future of its recorded time/);
    // The next day in Datong (UTC+8) at 02:00 UTC is still fine.
    spec
      .given()
      .when(event('X', {}, { businessDate: '2023-03-11', recordedAt: '2023-03-10T18:00:00.000Z' }))
      .thenHolds();
  });
});
