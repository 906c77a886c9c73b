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

  it('given recorded times in UTC, with an offset, and on a day the parser rolls over, when observed, then TIME is judged by the latest day anywhere at that instant', () => {
    const at = (businessDate: string, recordedAt: string) =>
      spec.given().when(event('X', {}, { businessDate, recordedAt }));
    at('2023-03-11', '2023-03-10T23:30:00Z').thenHolds(); // 13:30 on the 11th at UTC+14
    at('2023-03-12', '2023-03-10T23:30:00Z').thenViolates('TIME', /in the future/);
    at('2023-03-10', '2023-03-10T02:00').thenHolds(); // no zone: local time, still a time
    at('2023-03-10', '2023-03-10T02:00:00+14:00').thenHolds(); // 12:00 on the 9th UTC
    at('2023-03-11', '2023-03-10T02:00:00+14:00').thenViolates('TIME', /in the future/);
    // 02-30 is parsed as 2 March: the 2nd holds, the 4th is ahead of 14:00 on the 2nd.
    at('2023-03-02', '2023-02-30T00:00:00Z').thenHolds();
    at('2023-03-04', '2023-02-30T00:00:00Z').thenViolates('TIME', /in the future/);
  });

  it('given fen that are not safe integers in any place, when observed, then MONEY names the first path, and integers anywhere hold', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ amountFen: 1.5 }, /^amountFen is not/],
      [{ amountFen: '100' }, /^amountFen is not/],
      [{ a: [{ b: [{ capFen: 2 ** 53 }] }] }, /^a\[0\]\.b\[0\]\.capFen is not/],
      [{ ok: { xFen: 1 }, list: [1, { yFen: NaN }] }, /^list\[1\]\.yFen is not/],
    ];
    for (const [data, message] of bad) {
      spec.given().when(event('X', data)).thenViolates('MONEY', message);
    }
    spec
      .given()
      .when(
        event('X', {
          aFen: 0,
          b: [{ cFen: -5 }, [{ dFen: 2 ** 53 - 1 }]],
          nested: { e: { fFen: 1 } },
        }),
      )
      .thenHolds();
  });
});
