import { DEFAULT_POLICY_TABLE } from '@ledger/domain/policy/policy-table';
import { event, invariantSpecification } from '../testing/invariant-specification';
import { policyLookup } from './ledger-invariants';
import { PersonCapInvariant } from './person-cap.invariant';

const spec = invariantSpecification(
  () => new PersonCapInvariant(policyLookup(DEFAULT_POLICY_TABLE)),
);
const reserved = (
  reservationId: string,
  amountFen: number,
  usedFenBefore: number,
  personKey = 'p1',
) =>
  event('CapReserved', {
    reservationId,
    personKey,
    enterpriseId: 'E1',
    requestedFen: 250_000,
    amountFen,
    usedFenBefore,
    capFen: 1_000_000,
    policyVersion: 'datong-2022',
  });
const released = (reservationId: string, amountFen: number) =>
  event('CapReleased', { reservationId, personKey: 'p1', enterpriseId: 'E1', amountFen });

describe('R-SEAT-5 over the history (PersonCapInvariant)', () => {
  it('given a person at 7,500 yuan, when 2,500 more are reserved, then the cap holds', () => {
    spec
      .given(
        reserved('t1', 250_000, 0),
        reserved('t2', 250_000, 250_000),
        reserved('t3', 250_000, 500_000),
      )
      .when(reserved('t4', 250_000, 750_000))
      .thenHolds();
  });

  it('given a person at the cap, when another reservation is recorded, then R-SEAT-5 is broken', () => {
    spec
      .given(
        reserved('t1', 250_000, 0),
        reserved('t2', 250_000, 250_000),
        reserved('t3', 250_000, 500_000),
        reserved('t4', 250_000, 750_000),
      )
      .when(reserved('x1', 250_000, 1_000_000, 'p1'))
      .thenViolates('R-SEAT-5', /over the cap of 1000000 fen/);
  });

  it('given usage the history does not show, when a reservation claims another starting point, then it is named', () => {
    spec
      .given(reserved('t1', 250_000, 0))
      .when(reserved('t2', 250_000, 0))
      .thenViolates('R-SEAT-5', /decided on 0 fen used; the person's history says 250000 fen/);
  });

  it('given a reservation, when it reserves more than was asked, then it is named', () => {
    spec
      .given()
      .when(reserved('t1', 300_000, 0))
      .thenViolates('R-SEAT-5', /more than the 250000 fen asked/);
  });

  it('given a released reservation, when it is released again, then it is named; the usage freed once is reusable', () => {
    spec
      .given(reserved('t1', 250_000, 0), released('t1', 250_000))
      .when(released('t1', 250_000))
      .thenViolates('R-SEAT-5', /released twice/);
    spec
      .given(reserved('t1', 250_000, 0), released('t1', 250_000))
      .when(reserved('t2', 250_000, 0))
      .thenHolds();
  });

  it('given no reservation, when a release names it, then it is named', () => {
    spec
      .given()
      .when(released('nope', 1))
      .thenViolates('R-SEAT-5', /never made/);
  });
});
