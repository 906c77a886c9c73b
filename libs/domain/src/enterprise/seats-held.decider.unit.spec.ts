import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { spec } from '../testing/decider-specification';
import {
  decideRegisterSeatApplication,
  evolveEnterprise,
  initialEnterpriseState,
} from './enterprise.decider';
import { EnterpriseEvent } from './enterprise.events';
import {
  decideReleaseSeats,
  decideRetakeSeats,
  decideVerifySeatCount,
  seatsHeldOf,
} from './seats-held.decider';

/** R-SEAT-8 on `enterprise-{code}`: the stream that numbers applications also counts open claims. */
const E = makeCreditCode(71);
const enterprise = spec({ initial: initialEnterpriseState, evolve: evolveEnterprise });
const registered: EnterpriseEvent = {
  type: 'EnterpriseRegistered',
  data: {
    enterpriseId: E,
    name: '大同二百席',
    industry: 'call',
    seats: 200,
    registeredOn: '2023-01-05',
  },
};
const register =
  (applicationId: string, claimCount: number, submittedOn = '2023-03-01') =>
  (s: ReturnType<typeof initialEnterpriseState>) =>
    decideRegisterSeatApplication(s, { applicationId, submittedOn, claimCount }, DATONG_2022);
const fold = (events: EnterpriseEvent[]) =>
  events.reduce(evolveEnterprise, initialEnterpriseState());
const after = (
  events: EnterpriseEvent[],
  decide: (s: ReturnType<typeof fold>) => EnterpriseEvent[],
) => [...events, ...decide(fold(events))];

describe('enterprise decider: seats held (R-SEAT-8)', () => {
  it('given 200 seats, when one application of 201 claims is registered, then 200 hold a seat and the 201st is refused naming R-SEAT-8', () => {
    enterprise
      .given([registered])
      .when(register('app-1', 201))
      .then([
        {
          type: 'SeatApplicationRegistered',
          data: {
            applicationId: 'app-1',
            submittedOn: '2023-03-01',
            ordinal: 1,
            firstTrancheMonths: 2,
            policyVersion: 'datong-2022',
            claimCount: 201,
            claimsAdmitted: 200,
            seatCount: 200,
            seatsHeldBefore: 0,
            seatRefusal:
              'the enterprise holds 0 open claims of its 200 seats (declared at registration) on 2023-03-01: 1 claim(s) beyond the count are refused',
          },
        },
      ]);
  });

  it('given 200 seats and applications of 120 and 80 claims, when a third of 1 claim is registered, then it holds no seat', () => {
    const history = after(after([registered], register('app-1', 120)), register('app-2', 80));
    expect(seatsHeldOf(fold(history))).toBe(200);
    const [third] = register('app-3', 1)(fold(history));
    expect(third.data).toMatchObject({ claimsAdmitted: 0, seatsHeldBefore: 200 });
  });

  it('given 200 seats all held, when claims close and release their seats, then new claims fit; a release is idempotent and ignores claims that hold no seat', () => {
    const full = after([registered], register('app-1', 201));
    const release = (claimIds: string[]) => (s: ReturnType<typeof fold>) =>
      decideReleaseSeats(s, {
        applicationId: 'app-1',
        claimIds,
        releasedOn: '2023-03-05',
        cause: { kind: 'rejected', id: 'review-1' },
      });
    enterprise
      .given(full)
      .when(release(['app-1.c2', 'app-1.c201', 'app-1.c9999']))
      .then([
        {
          type: 'SeatsReleased',
          data: {
            enterpriseId: E,
            applicationId: 'app-1',
            claimIds: ['app-1.c2'],
            releasedOn: '2023-03-05',
            cause: { kind: 'rejected', id: 'review-1' },
          },
        },
      ]);
    const released = after(full, release(['app-1.c2']));
    expect(seatsHeldOf(fold(released))).toBe(199);
    enterprise
      .given(released)
      .when(release(['app-1.c2']))
      .thenNothing();
    const [next] = register('app-2', 2)(fold(released));
    expect(next.data).toMatchObject({ claimsAdmitted: 1, seatsHeldBefore: 199 });
  });

  it('given an application registered before R-SEAT-8 (no claim count), when counted, then it holds no seat and nothing of it is released', () => {
    const legacy: EnterpriseEvent = {
      type: 'SeatApplicationRegistered',
      data: {
        applicationId: 'old-1',
        submittedOn: '2023-02-01',
        ordinal: 1,
        firstTrancheMonths: 2,
        policyVersion: 'datong-2022',
      },
    };
    expect(seatsHeldOf(fold([registered, legacy]))).toBe(0);
    enterprise
      .given([registered, legacy])
      .when((s) =>
        decideReleaseSeats(s, {
          applicationId: 'old-1',
          claimIds: ['old-1.c1'],
          releasedOn: '2023-03-05',
          cause: { kind: 'paid', id: 'old-1.t4' },
        }),
      )
      .thenNothing();
  });

  describe('a returned payment of a last tranche (退票, issue #14)', () => {
    const full = after([registered], register('app-1', 200));
    const releasedBy =
      (id: string, claimIds: string[], kind: 'paid' | 'withdrawn' = 'paid') =>
      (s: ReturnType<typeof fold>) =>
        decideReleaseSeats(s, {
          applicationId: 'app-1',
          claimIds,
          releasedOn: '2024-09-20',
          cause: { kind, id },
        });
    const retake = (by: string) => (s: ReturnType<typeof fold>) =>
      decideRetakeSeats(s, {
        applicationId: 'app-1',
        releasedBy: by,
        retakenOn: '2024-09-25',
        cause: { kind: 'returned', id: 'd-4:return' },
      });
    const paid = after(
      after(full, releasedBy('app-1.t4.paid', ['app-1.c1', 'app-1.c2'])),
      releasedBy('obj-1', ['app-1.c3'], 'withdrawn'),
    );

    it('given c1 and c2 paid in full and c3 withdrawn, when the payment comes back, then c1 and c2 hold their seats again and c3 does not', () => {
      expect(seatsHeldOf(fold(paid))).toBe(197);
      enterprise
        .given(paid)
        .when(retake('app-1.t4.paid'))
        .then([
          {
            type: 'SeatsRetaken',
            data: {
              enterpriseId: E,
              applicationId: 'app-1',
              claimIds: ['app-1.c1', 'app-1.c2'],
              retakenOn: '2024-09-25',
              releasedBy: 'app-1.t4.paid',
              cause: { kind: 'returned', id: 'd-4:return' },
            },
          },
        ]);
      expect(seatsHeldOf(fold(after(paid, retake('app-1.t4.paid'))))).toBe(199);
    });

    it('given the seats taken back, when the return is retried, then nothing; when the repayment releases them (another process), then a retried return still takes nothing', () => {
      const retaken = after(paid, retake('app-1.t4.paid'));
      enterprise.given(retaken).when(retake('app-1.t4.paid')).thenNothing();
      const repaid = after(retaken, releasedBy('app-1.t4.paid.1', ['app-1.c1', 'app-1.c2']));
      expect(repaid.at(-1)).toMatchObject({
        type: 'SeatsReleased',
        data: { claimIds: ['app-1.c1', 'app-1.c2'] },
      });
      expect(seatsHeldOf(fold(repaid))).toBe(197);
      enterprise.given(repaid).when(retake('app-1.t4.paid')).thenNothing();
    });

    it('given every seat taken by new claims after the release, when the payment comes back, then its claims hold their seats beyond the count and the next claim is refused', () => {
      const refilled = after(paid, register('app-2', 3));
      expect(seatsHeldOf(fold(refilled))).toBe(200);
      const back = after(refilled, retake('app-1.t4.paid'));
      expect(seatsHeldOf(fold(back))).toBe(202);
      const [next] = register('app-3', 1)(fold(back));
      expect(next.data).toMatchObject({ claimsAdmitted: 0, seatsHeldBefore: 202 });
    });
  });

  describe('a verified seat count (POST /v1/enterprises/:id/seat-counts)', () => {
    const verify =
      (verifiedOn: string, seats: number, inspectionRef = 'INS-1') =>
      (s: ReturnType<typeof fold>) =>
        decideVerifySeatCount(s, {
          enterpriseId: E,
          verifiedOn,
          seats,
          inspectionRef,
          verifiedBy: 'rita',
        });

    it('given 200 declared seats, when an inspection finds 150 on 2023-06-01, then SeatCountVerified is written', () => {
      enterprise
        .given([registered])
        .when(verify('2023-06-01', 150))
        .then([
          {
            type: 'SeatCountVerified',
            data: {
              enterpriseId: E,
              verifiedOn: '2023-06-01',
              seats: 150,
              inspectionRef: 'INS-1',
              verifiedBy: 'rita',
            },
          },
        ]);
    });

    it('given 150 seats verified on 2023-06-01 and 120 claims open, when 40 are asked on 2023-05-31 and on 2023-06-01, then the declared count admits 40 and the verified one 30', () => {
      const history = after(after([registered], verify('2023-06-01', 150)), register('app-1', 120));
      expect(register('app-2', 40, '2023-05-31')(fold(history))[0].data).toMatchObject({
        claimsAdmitted: 40,
        seatCount: 200,
      });
      expect(register('app-2', 40, '2023-06-01')(fold(history))[0].data).toMatchObject({
        claimsAdmitted: 30,
        seatCount: 150,
        seatRefusal: expect.stringContaining('verified on 2023-06-01 (inspection INS-1)'),
      });
    });

    it('given an inspection reference already recorded, when it is recorded again, then 409; an unknown enterprise is 404; a negative or fractional count is 400', () => {
      const history = after([registered], verify('2023-06-01', 150));
      enterprise.given(history).when(verify('2023-07-01', 160)).thenThrows({ kind: 'conflict' });
      enterprise.given([]).when(verify('2023-06-01', 150)).thenThrows({ kind: 'not_found' });
      enterprise
        .given([registered])
        .when(verify('2023-06-01', -1))
        .thenThrows({ kind: 'invalid', details: { field: 'seats' } });
      enterprise
        .given([registered])
        .when(verify('2023-06-01', 1.5))
        .thenThrows({ kind: 'invalid', details: { field: 'seats' } });
      enterprise
        .given([registered])
        .when(verify('2023-06-01', 150, '  '))
        .thenThrows({ kind: 'invalid', details: { field: 'inspectionRef' } });
    });
  });
});
