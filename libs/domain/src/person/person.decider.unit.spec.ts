import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { spec } from '../testing/decider-specification';
import {
  ClaimMonthsCommand,
  decideClaimMonths,
  decideReleaseCap,
  decideReleaseMonths,
  decideReserveCap,
  evolvePerson,
  initialPersonState,
  ReleaseCapCommand,
  ReserveCapCommand,
} from './person.decider';
import { PersonEvent } from './person.events';

const person = spec({ initial: initialPersonState, evolve: evolvePerson });

const ENT_A = makeCreditCode(101);
const ENT_B = makeCreditCode(202);
const personKey = 'pk-0001';
const personIdMasked = '140202********1234';

function claim(
  stepId: string,
  claimId: string,
  enterpriseId: string,
  months: string[],
): ClaimMonthsCommand {
  return {
    stepId,
    personKey,
    personIdMasked,
    claimId,
    applicationId: claimId.split('.')[0],
    enterpriseId,
    months,
    filedOn: '2023-03-10',
  };
}

const claimed = (cmd: ClaimMonthsCommand): PersonEvent => ({
  type: 'PersonMonthsClaimed',
  data: { ...cmd },
});

const claimA = claim('step-a', 'app-a.c1', ENT_A, ['2023-01', '2023-02', '2023-03']);

function reserve(reservationId: string, requestedFen = 250_000): ReserveCapCommand {
  const [trancheId, claimId] = reservationId.split(':');
  return {
    reservationId,
    personKey,
    trancheId,
    claimId,
    applicationId: trancheId.split('.')[0],
    enterpriseId: ENT_A,
    requestedFen,
    decidedOn: '2023-04-01',
  };
}

function reserved(cmd: ReserveCapCommand, usedFenBefore: number, amountFen: number): PersonEvent {
  return {
    type: 'CapReserved',
    data: {
      ...cmd,
      amountFen,
      usedFenBefore,
      capFen: 1_000_000,
      policyVersion: 'datong-2022',
    },
  };
}

/** Reservations that bring the person to `usedFen` (in tranches of at most 2,500 yuan). */
function usedUpTo(usedFen: number): PersonEvent[] {
  const events: PersonEvent[] = [];
  let before = 0;
  for (let i = 1; before < usedFen; i++) {
    const amount = Math.min(250_000, usedFen - before);
    events.push(reserved(reserve(`app-a.t${i}:app-a.c1`, amount), before, amount));
    before += amount;
  }
  return events;
}

describe('person decider', () => {
  describe('ClaimMonths (R-SEAT-6)', () => {
    it('given a person with no claims, when enterprise A claims months, then they are claimed', () => {
      person
        .given([])
        .when((s) => decideClaimMonths(s, claimA))
        .then([claimed(claimA)]);
    });

    it('given months claimed by A, when B claims overlapping months, then a duplicate claim is recorded naming A’s claim', () => {
      const claimB = claim('step-b', 'app-b.c1', ENT_B, ['2023-03', '2023-04']);
      person
        .given([claimed(claimA)])
        .when((s) => decideClaimMonths(s, claimB))
        .then([
          {
            type: 'DuplicateClaimRefused',
            data: {
              ...claimB,
              rule: 'R-SEAT-6',
              conflictsWith: [{ claimId: 'app-a.c1', enterpriseId: ENT_A, months: ['2023-03'] }],
            },
          },
        ]);
    });

    it('given months claimed by A, when B claims disjoint months, then they are claimed', () => {
      const claimB = claim('step-b', 'app-b.c1', ENT_B, ['2023-04', '2023-05']);
      person
        .given([claimed(claimA)])
        .when((s) => decideClaimMonths(s, claimB))
        .then([claimed(claimB)]);
    });

    it('given months claimed by a claim, when the same claim adds overlapping and new months (more evidence), then they are claimed', () => {
      const more = claim('step-a2', 'app-a.c1', ENT_A, ['2023-03', '2023-04']);
      person
        .given([claimed(claimA)])
        .when((s) => decideClaimMonths(s, more))
        .then([claimed(more)]);
    });

    it('given a step already taken, when it is decided again, then nothing is written', () => {
      person
        .given([claimed(claimA)])
        .when((s) => decideClaimMonths(s, claimA))
        .thenNothing();
    });

    it('given a duplicate claim already refused, when the same step is retried, then nothing is written', () => {
      const claimB = claim('step-b', 'app-b.c1', ENT_B, ['2023-03']);
      const refusal = decideClaimMonths(
        [claimed(claimA)].reduce(evolvePerson, initialPersonState()),
        claimB,
      );
      person
        .given([claimed(claimA), ...refusal])
        .when((s) => decideClaimMonths(s, claimB))
        .thenNothing();
    });

    it('given A’s months released (claim rejected), when B claims the same months, then they are claimed', () => {
      const claimB = claim('step-b', 'app-b.c1', ENT_B, ['2023-02', '2023-03']);
      const released: PersonEvent = {
        type: 'PersonMonthsReleased',
        data: {
          stepId: 'release-a',
          personKey,
          claimId: 'app-a.c1',
          reason: 'rejected at review',
          releasedOn: '2023-03-20',
        },
      };
      person
        .given([claimed(claimA), released])
        .when((s) => decideClaimMonths(s, claimB))
        .then([claimed(claimB)]);
    });
  });

  describe('a released claim taken again (R-SEAT-6 month holdings)', () => {
    const releasedA: PersonEvent = {
      type: 'PersonMonthsReleased',
      data: {
        stepId: 'release-a',
        personKey,
        claimId: 'app-a.c1',
        reason: 'rejected at review',
        releasedOn: '2023-03-20',
      },
    };
    const retakenA = claim('step-a-again', 'app-a.c1', ENT_A, ['2023-06']);

    it('given A’s claim released and taken again for other months, when B claims the released months, then they are claimed (the old holding is not revived)', () => {
      const claimB = claim('step-b', 'app-b.c1', ENT_B, ['2023-01', '2023-02']);
      person
        .given([claimed(claimA), releasedA, claimed(retakenA)])
        .when((s) => decideClaimMonths(s, claimB))
        .then([claimed(claimB)]);
    });

    it('given A’s claim released and taken again, when B claims the months taken again, then it is refused naming only those months', () => {
      const claimB = claim('step-b', 'app-b.c1', ENT_B, ['2023-03', '2023-06']);
      person
        .given([claimed(claimA), releasedA, claimed(retakenA)])
        .when((s) => decideClaimMonths(s, claimB))
        .then([
          {
            type: 'DuplicateClaimRefused',
            data: {
              ...claimB,
              rule: 'R-SEAT-6',
              conflictsWith: [{ claimId: 'app-a.c1', enterpriseId: ENT_A, months: ['2023-06'] }],
            },
          },
        ]);
    });
  });

  describe('ReleaseMonths', () => {
    const release = {
      stepId: 'release-a',
      personKey,
      claimId: 'app-a.c1',
      reason: 'rejected at review',
      releasedOn: '2023-03-20',
    };

    it('given a live claim, when it is released, then PersonMonthsReleased is written', () => {
      person
        .given([claimed(claimA)])
        .when((s) => decideReleaseMonths(s, release))
        .then([{ type: 'PersonMonthsReleased', data: release }]);
    });

    it('given a claim already released, when it is released again by another step, then nothing is written', () => {
      person
        .given([claimed(claimA), { type: 'PersonMonthsReleased', data: release }])
        .when((s) => decideReleaseMonths(s, { ...release, stepId: 'release-a-again' }))
        .thenNothing();
    });

    it('given an unknown claim, when it is released, then nothing is written', () => {
      person
        .given([])
        .when((s) => decideReleaseMonths(s, release))
        .thenNothing();
    });
  });

  describe('ReserveCap (R-SEAT-5)', () => {
    const cmd = reserve('app-b.t1:app-b.c1');

    it('given a person at 0, when a tranche of 2,500 yuan is reserved, then 2,500 yuan is reserved', () => {
      person
        .given([])
        .when((s) => decideReserveCap(s, cmd, DATONG_2022))
        .then([reserved(cmd, 0, 250_000)]);
    });

    it('given a person at 7,500 yuan, when a tranche of 2,500 is reserved, then 2,500 is reserved', () => {
      person
        .given(usedUpTo(750_000))
        .when((s) => decideReserveCap(s, cmd, DATONG_2022))
        .then([reserved(cmd, 750_000, 250_000)]);
    });

    it('given a person at 8,000 yuan, when a tranche of 2,500 is reserved, then the lesser 2,000 is reserved', () => {
      person
        .given(usedUpTo(800_000))
        .when((s) => decideReserveCap(s, cmd, DATONG_2022))
        .then([reserved(cmd, 800_000, 200_000)]);
    });

    it('given a person at 10,000 yuan, when a tranche of 2,500 is reserved, then it is refused naming R-SEAT-5', () => {
      person
        .given(usedUpTo(1_000_000))
        .when((s) => decideReserveCap(s, cmd, DATONG_2022))
        .then([
          {
            type: 'CapReservationRefused',
            data: {
              ...cmd,
              usedFenBefore: 1_000_000,
              capFen: 1_000_000,
              policyVersion: 'datong-2022',
              rule: 'R-SEAT-5',
              reason: 'the person has reached the cap of 1000000 fen across all employers',
            },
          },
        ]);
    });

    it('given a reservation already decided, when the same reservation is decided again, then nothing is written', () => {
      person
        .given([reserved(cmd, 0, 250_000)])
        .when((s) => decideReserveCap(s, cmd, DATONG_2022))
        .thenNothing();
    });

    it('given a reservation already refused at the cap, when the same reservation is decided again after a release, then nothing is written', () => {
      const refusal = decideReserveCap(
        usedUpTo(1_000_000).reduce(evolvePerson, initialPersonState()),
        cmd,
        DATONG_2022,
      );
      const releaseFirst: PersonEvent = {
        type: 'CapReleased',
        data: {
          reservationId: 'app-a.t1:app-a.c1',
          personKey,
          enterpriseId: ENT_A,
          amountFen: 250_000,
          releasedOn: '2023-05-01',
          reason: 'objection upheld',
          cause: { kind: 'objection', id: 'obj-1' },
        },
      };
      person
        .given([...usedUpTo(1_000_000), ...refusal, releaseFirst])
        .when((s) => decideReserveCap(s, cmd, DATONG_2022))
        .thenNothing();
    });

    it('given reservations by two employers, when the state is folded, then the used amount sums across employers', () => {
      const byB: ReserveCapCommand = { ...reserve('app-b.t1:app-b.c1'), enterpriseId: ENT_B };
      const state = [
        reserved(reserve('app-a.t1:app-a.c1'), 0, 250_000),
        reserved(byB, 250_000, 250_000),
      ].reduce(evolvePerson, initialPersonState());
      expect(state.usedFen).toBe(500_000);
    });
  });

  describe('ReleaseCap', () => {
    const first = reserve('app-a.t1:app-a.c1');
    const release: ReleaseCapCommand = {
      reservationId: 'app-a.t1:app-a.c1',
      personKey,
      releasedOn: '2023-05-01',
      reason: 'objection upheld',
      cause: { kind: 'objection', id: 'obj-1' },
    };
    const released: PersonEvent = {
      type: 'CapReleased',
      data: { ...release, enterpriseId: ENT_A, amountFen: 250_000 },
    };

    it('given a reservation, when it is released, then CapReleased is written with its enterprise and amount', () => {
      person
        .given([reserved(first, 0, 250_000)])
        .when((s) => decideReleaseCap(s, release))
        .then([released]);
    });

    it('given a released reservation, when it is released again, then nothing is written', () => {
      person
        .given([reserved(first, 0, 250_000), released])
        .when((s) => decideReleaseCap(s, release))
        .thenNothing();
    });

    it('given an unknown reservation, when it is released, then nothing is written', () => {
      person
        .given([])
        .when((s) => decideReleaseCap(s, release))
        .thenNothing();
    });

    it('given a person at the cap and one reservation released, when a new reservation is made, then the released amount is reserved again', () => {
      const atCap = usedUpTo(1_000_000);
      const cmd = reserve('app-b.t1:app-b.c1');
      person
        .given([...atCap, released])
        .when((s) => decideReserveCap(s, cmd, DATONG_2022))
        .then([reserved(cmd, 750_000, 250_000)]);
    });

    it('given a person at 0 with a released reservation, when the state is folded, then nothing is used', () => {
      const state = [reserved(first, 0, 250_000), released].reduce(
        evolvePerson,
        initialPersonState(),
      );
      expect(state.usedFen).toBe(0);
    });
  });
});
