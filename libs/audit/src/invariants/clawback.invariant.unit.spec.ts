import { event, invariantSpecification } from '../testing/invariant-specification';
import { ClawbackInvariant } from './clawback.invariant';

const spec = invariantSpecification(() => new ClawbackInvariant());
const assessed = (clawbackId: string, amountFen: number, reservationId = 'a1.t1:a1.c1') =>
  event('ClawbackAssessed', { caseId: 'case1', clawbackId, amountFen, reservationId });
const recovery = (recoveryId: string, allocations: [string, number][], amountFen?: number) =>
  event('RecoveryRecorded', {
    caseId: 'case1',
    recoveryId,
    amountFen: amountFen ?? allocations.reduce((s, [, a]) => s + a, 0),
    allocations: allocations.map(([clawbackId, amountFen]) => ({ clawbackId, amountFen })),
  });
const capReleased = (reservationId = 'a1.t1:a1.c1') =>
  event('CapReleased', { reservationId, personKey: 'p1', amountFen: 250_000 });

describe('R-FRAUD over the history (ClawbackInvariant)', () => {
  it('given 2,500 yuan due, when 2,500 are recovered and then the cap released, then it holds', () => {
    spec
      .given(assessed('d1:c1', 250_000), recovery('r1', [['d1:c1', 250_000]]))
      .when(capReleased())
      .thenHolds();
  });

  it('given 2,500 yuan due, when 3,000 are recovered, then more than was due is named', () => {
    spec
      .given(assessed('d1:c1', 250_000))
      .when(recovery('r1', [['d1:c1', 300_000]]))
      .thenViolates('R-FRAUD', /300000 fen recovered, more than the 250000 fen due/);
  });

  it('given a clawback half recovered, when the cap reservation behind it is released, then it is too early', () => {
    spec
      .given(assessed('d1:c1', 250_000), recovery('r1', [['d1:c1', 100_000]]))
      .when(capReleased())
      .thenViolates('R-FRAUD', /still has 150000 fen outstanding/);
  });

  it('given a recovery, when its allocations do not add up to it, then it is named', () => {
    spec
      .given(assessed('d1:c1', 250_000))
      .when(recovery('r1', [['d1:c1', 100_000]], 200_000))
      .thenViolates('R-FRAUD', /of 200000 fen allocates 100000 fen/);
  });
});
