import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { decideStartTrancheApproval } from './approve-tranche.decider';
import {
  checkFalseClaim,
  decideFindClaimFalse,
  falseClaimOutcome,
} from './find-claim-false.decider';
import { SeatApplicationEvent } from './seat-application.events';
import { foldSeatApplication, initialSeatApplicationState } from './seat-application.state';
import {
  APP,
  application,
  approvedApplication,
  checked,
  cid,
  disbursed,
  ENT,
  FINANCE,
  GOOD,
  LONG,
  people,
  rid,
  submitted,
  tid,
  TRANCHE,
  tranche,
  trancheStarted,
  withdrawn,
} from './testing/seat-application.fixture';

describe('seat-application decider', () => {
  describe('FindClaimFalse (a step of a finding, R-FRAUD)', () => {
    const find = { caseId: 'case-1', findingId: 'f-1', claimId: cid(1), foundOn: '2024-03-10' };
    const pay = (k: number, paidOn: BusinessDate, amountFen: Fen): SeatApplicationEvent =>
      disbursed(k, {
        disbursementId: `d-${k}`,
        trancheId: tid(k),
        paidOn,
        amountFen,
        bankRef: `ICBC-${k}`,
        paidBy: FINANCE,
      });
    const foundFalse: SeatApplicationEvent = {
      type: 'ClaimFoundFalse',
      data: { applicationId: APP, enterpriseId: ENT, ...find },
    };
    const clawback = (k: number, paidOn: BusinessDate): SeatApplicationEvent => ({
      type: 'ClawbackAssessed',
      data: {
        applicationId: APP,
        enterpriseId: ENT,
        caseId: 'case-1',
        findingId: 'f-1',
        clawbackId: `d-${k}:${cid(1)}`,
        claimId: cid(1),
        personKey: 'pk-1',
        trancheId: tid(k),
        reservationId: rid(k, 1),
        disbursementId: `d-${k}`,
        paidOn,
        bankRef: `ICBC-${k}`,
        amountFen: TRANCHE,
        assessedOn: '2024-03-10',
      },
    });
    const cancelled = (k: number): SeatApplicationEvent => ({
      type: 'ClaimWithdrawnFromTranche',
      data: {
        applicationId: APP,
        enterpriseId: ENT,
        trancheId: tid(k),
        claimId: cid(1),
        personKey: 'pk-1',
        reservationId: rid(k, 1),
        amountFen: TRANCHE,
        withdrawnOn: '2024-03-10',
        cause: { kind: 'finding', id: 'f-1', caseId: 'case-1' },
      },
    });
    /** Claims 1 and 2; tranches 1 and 2 paid to both, tranche 3 approved, not paid. */
    const paidTwice = [
      ...approvedApplication([LONG, LONG], 2),
      ...tranche(1, '2023-04-01', [1, 2]),
      pay(1, '2023-04-10', 2 * TRANCHE),
      ...tranche(2, '2023-10-01', [1, 2]),
      pay(2, '2023-10-10', 2 * TRANCHE),
    ];

    it('given a claim paid in two tranches, when found false, then each payment becomes a clawback of its share', () => {
      application
        .given(paidTwice)
        .when((s) => decideFindClaimFalse(s, find))
        .then([foundFalse, clawback(1, '2023-04-10'), clawback(2, '2023-10-10')]);
    });

    it('given a claim approved in an unpaid tranche, when found false, then the amount is cancelled (cause finding) and nothing is due', () => {
      application
        .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
        .when((s) => decideFindClaimFalse(s, find))
        .then([foundFalse, cancelled(1)]);
    });

    it('given a claim paid twice and approved in tranche 3, when found false, then two clawbacks and one cancellation are written together', () => {
      const given = [...paidTwice, ...tranche(3, '2024-03-01', [1, 2])];
      application
        .given(given)
        .when((s) => decideFindClaimFalse(s, find))
        .then([foundFalse, cancelled(3), clawback(1, '2023-04-10'), clawback(2, '2023-10-10')]);
      const state = foldSeatApplication([
        ...given,
        foundFalse,
        cancelled(3),
        clawback(1, '2023-04-10'),
        clawback(2, '2023-10-10'),
      ]);
      expect(state.claims.get(cid(1))?.status).toBe('fraudulent');
      expect(state.tranches.get(tid(3))?.amountFen).toBe(TRANCHE); // only claim 2 is left
      expect(falseClaimOutcome(state, cid(1), { caseId: 'case-1', findingId: 'f-1' })).toEqual({
        claimId: cid(1),
        applicationId: APP,
        personKey: 'pk-1',
        personIdMasked: people[0].personIdMasked,
        status: 'found',
        foundFalseBy: { caseId: 'case-1', findingId: 'f-1' },
        tranches: [
          ...[1, 2].map((k) => ({
            trancheId: tid(k),
            reservationId: rid(k, 1),
            approvedFen: TRANCHE,
            cancelledFen: 0,
            payment: {
              disbursementId: `d-${k}`,
              bankRef: `ICBC-${k}`,
              paidOn: k === 1 ? '2023-04-10' : '2023-10-10',
              amountFen: TRANCHE,
              clawbackId: `d-${k}:${cid(1)}`,
            },
          })),
          {
            trancheId: tid(3),
            reservationId: rid(3, 1),
            approvedFen: TRANCHE,
            cancelledFen: TRANCHE,
          },
        ],
      });
    });

    it('given the claim found false, when the step is retried, then nothing is written', () => {
      application
        .given([...paidTwice, foundFalse, clawback(1, '2023-04-10'), clawback(2, '2023-10-10')])
        .when((s) => decideFindClaimFalse(s, find))
        .thenNothing();
    });

    it('given the claim found false by another case, when this finding reaches it, then nothing is written and the outcome says so', () => {
      const other: SeatApplicationEvent = {
        type: 'ClaimFoundFalse',
        data: {
          applicationId: APP,
          enterpriseId: ENT,
          ...find,
          caseId: 'case-0',
          findingId: 'f-0',
        },
      };
      application
        .given([...paidTwice, other])
        .when((s) => decideFindClaimFalse(s, find))
        .thenNothing();
      const outcome = falseClaimOutcome(foldSeatApplication([...paidTwice, other]), cid(1), {
        caseId: 'case-1',
        findingId: 'f-1',
      });
      expect(outcome).toMatchObject({
        status: 'alreadyFalse',
        foundFalseBy: { caseId: 'case-0', findingId: 'f-0' },
        tranches: [],
      });
    });

    it('given a tranche still being approved for the claim, when found false, then the step waits (conflict)', () => {
      application
        .given([...approvedApplication([LONG], 2), trancheStarted(1, '2023-04-01', [1])])
        .when((s) => decideFindClaimFalse(s, find))
        .thenThrows({ kind: 'conflict' });
    });

    it('given the claim withdrawn from tranche 1 by an upheld objection, when found false, then tranche 1 is left alone', () => {
      application
        .given([
          ...approvedApplication([LONG, LONG], 2),
          ...tranche(1, '2023-04-01', [1, 2]),
          withdrawn(1, 1),
        ])
        .when((s) => decideFindClaimFalse(s, find))
        .then([foundFalse]);
    });

    it('given a claim found false, when the next tranche is started, then the false claim is not a candidate', () => {
      application
        .given([...paidTwice, foundFalse, clawback(1, '2023-04-10'), clawback(2, '2023-10-10')])
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 3, decidedOn: '2024-04-01', approvedBy: FINANCE },
            DATONG_2022,
            GOOD,
          ),
        )
        .then([trancheStarted(3, '2024-04-01', [2])]);
    });

    describe('checkFalseClaim (before the finding is recorded)', () => {
      const state = (events: SeatApplicationEvent[]) => foldSeatApplication(events);

      it("given an approved claim of the case's enterprise, when checked, then it passes", () => {
        expect(checkFalseClaim(state(paidTwice), cid(1), ENT).claimId).toBe(cid(1));
      });

      it('given an unknown claim or application, when checked, then it is not found', () => {
        expect(() => checkFalseClaim(state(paidTwice), cid(9), ENT)).toThrow(
          expect.objectContaining({ kind: 'not_found' }),
        );
        expect(() => checkFalseClaim(initialSeatApplicationState(), cid(1), ENT)).toThrow(
          expect.objectContaining({ kind: 'not_found' }),
        );
      });

      it('given a claim of another enterprise, when checked, then it is refused naming R-FRAUD', () => {
        expect(() => checkFalseClaim(state(paidTwice), cid(1), makeCreditCode(8))).toThrow(
          expect.objectContaining({ kind: 'rule', rule: 'R-FRAUD' }),
        );
      });

      it('given a claim already found false, when checked, then it is a conflict', () => {
        expect(() => checkFalseClaim(state([...paidTwice, foundFalse]), cid(1), ENT)).toThrow(
          expect.objectContaining({ kind: 'conflict' }),
        );
      });

      it('given a claim not yet reviewed, when checked, then it is refused naming R-FRAUD', () => {
        const unreviewed = [submitted([LONG]), checked(2, 1)];
        expect(() => checkFalseClaim(state(unreviewed), cid(1), ENT)).toThrow(
          expect.objectContaining({ kind: 'rule', rule: 'R-FRAUD' }),
        );
      });
    });
  });
});
