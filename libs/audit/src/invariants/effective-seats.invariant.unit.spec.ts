import { event, invariantSpecification } from '../testing/invariant-specification';
import { EffectiveSeatsInvariant } from './effective-seats.invariant';

const spec = invariantSpecification(() => new EffectiveSeatsInvariant());

const recognized = (
  recognitionId: string,
  recognizedOn: string,
  statuses: string[],
  recognized = statuses.filter((s) => s === 'recognized').length,
) =>
  event('EffectiveSeatsRecognized', {
    recognitionId,
    enterpriseId: 'E',
    recognizedOn,
    recognized,
    seats: statuses.map((status, i) => ({ seatRef: `S-${i}`, status })),
  });
const counted = (trancheId: string, siteId: string, over: Record<string, unknown>) =>
  event('LeaseSeatsCounted', {
    trancheId,
    siteId,
    enterpriseId: 'E',
    decidedOn: '2023-03-10',
    leaseYearFrom: '2023-03-01',
    leaseYearTo: '2024-02-29',
    countedElsewhere: 0,
    ...over,
  });

describe('effective seats over the history (EffectiveSeatsInvariant)', () => {
  it('given a roster of three seats, two recognised, when the recognition says 2, then it holds; when it says 3, then R-EFF', () => {
    spec
      .given()
      .when(recognized('r1', '2023-01-05', ['recognized', 'refused', 'recognized']))
      .thenHolds();
    spec
      .given()
      .when(recognized('r1', '2023-01-05', ['recognized', 'refused', 'recognized'], 3))
      .thenViolates('R-EFF', /counts 3 effective seats; its roster recognises 2/);
  });

  it('given 40 seats recognised on 2023-01-05 and 60 on 2024-01-05, when a lease counts 60 on 2023-03-10, then R-EFF; 40 holds', () => {
    const given = [
      recognized('r1', '2023-01-05', Array(40).fill('recognized')),
      recognized('r2', '2024-01-05', Array(60).fill('recognized')),
    ];
    spec
      .given(...given)
      .when(counted('s1.y1', 's1', { effectiveSeats: 40, seats: 40 }))
      .thenHolds();
    spec
      .given(...given)
      .when(counted('s1.y1', 's1', { effectiveSeats: 60, seats: 60 }))
      .thenViolates('R-EFF', /counts 60 effective seats on 2023-03-10; the recognitions say 40/);
  });

  it('given a past lease year counted on its last day, when the count is the one of that day, then it holds', () => {
    spec
      .given(
        recognized('r1', '2023-01-05', Array(40).fill('recognized')),
        recognized('r2', '2024-01-05', Array(60).fill('recognized')),
      )
      .when(
        counted('s1.y1', 's1', {
          decidedOn: '2025-01-10',
          countedOn: '2023-12-31',
          effectiveSeats: 40,
          seats: 40,
        }),
      )
      .thenHolds();
  });

  it('given another lease counting all 40 seats for a year containing the day, when a second lease counts 40 more, then R-SITE-LEASE (a seat once a year); 0 holds', () => {
    const given = [
      recognized('r1', '2023-01-05', Array(40).fill('recognized')),
      counted('s1.y1', 's1', { effectiveSeats: 40, seats: 40 }),
    ];
    const second = {
      decidedOn: '2023-09-05',
      leaseYearFrom: '2023-09-01',
      leaseYearTo: '2024-08-31',
    };
    spec
      .given(...given)
      .when(counted('s2.y1', 's2', { ...second, effectiveSeats: 40, seats: 40 }))
      .thenViolates(
        'R-SITE-LEASE',
        /pays 40 seats; 40 effective less 40 counted by other leases leaves 0/,
      );
    spec
      .given(...given)
      .when(
        counted('s2.y1', 's2', { ...second, effectiveSeats: 40, countedElsewhere: 40, seats: 0 }),
      )
      .thenHolds();
  });

  it('given the other lease released its seats, when a second lease counts all 40, then it holds', () => {
    spec
      .given(
        recognized('r1', '2023-01-05', Array(40).fill('recognized')),
        counted('s1.y1', 's1', { effectiveSeats: 40, seats: 40 }),
        event('LeaseSeatsReleased', {
          trancheId: 's1.y1',
          siteId: 's1',
          enterpriseId: 'E',
          seats: 40,
        }),
      )
      .when(
        counted('s2.y1', 's2', {
          decidedOn: '2023-09-05',
          leaseYearFrom: '2023-09-01',
          leaseYearTo: '2024-08-31',
          effectiveSeats: 40,
          seats: 40,
        }),
      )
      .thenHolds();
  });
});
