import { DATONG_2022 } from '../policy/datong-2022.policy';
import { decideStartTrancheApproval } from './approve-tranche.decider';
import { decideRecordDisbursement } from './record-disbursement.decider';
import { decideReviewApplication } from './review-application.decider';
import { foldSeatApplication } from './seat-application.state';
import {
  application,
  checked,
  cid,
  FINANCE,
  GOOD,
  LONG,
  notice,
  publicized,
  REVIEWER,
  reviewedAllApproved,
  submitted,
  tid,
  tranche,
} from './testing/seat-application.fixture';
import { checkPublishable } from './tranche-publicity.decider';

/** R-DATE ("Dates of a decision") on each seat-application decider: 422, nothing written. */
describe('seat-application decider: dates of a decision (R-DATE)', () => {
  const submittedOn = '2023-03-10';
  const checkedApp = [submitted([LONG, LONG], submittedOn), checked(2, 2)];

  describe('a review not before the submission', () => {
    const review = {
      processId: 'review-1',
      reviewedBy: REVIEWER,
      decisions: [{ claimId: cid(1), approve: true }],
    };

    it('given an application submitted on 2023-03-10, when it is reviewed on 2023-03-09, then 422 R-DATE', () => {
      application
        .given(checkedApp)
        .when((s) => decideReviewApplication(s, { ...review, decidedOn: '2023-03-09' }))
        .thenThrows({
          kind: 'rule',
          rule: 'R-DATE',
          message: `a review on 2023-03-09 cannot predate the submission of application app-1 (${submittedOn})`,
        });
    });

    it('given an application submitted on 2023-03-10, when it is reviewed that day, then the review is written', () => {
      application
        .given(checkedApp)
        .when((s) => decideReviewApplication(s, { ...review, decidedOn: submittedOn }))
        .then([
          {
            type: 'ApplicationReviewed',
            data: { applicationId: 'app-1', ...review, decidedOn: submittedOn },
          },
        ]);
    });
  });

  describe('a tranche not before the review of the claims it pays', () => {
    const reviewed = [...checkedApp, reviewedAllApproved(2, '2023-03-20')];
    const start = (decidedOn: string) => (s: ReturnType<typeof foldSeatApplication>) =>
      decideStartTrancheApproval(
        s,
        { tranche: 1, decidedOn, approvedBy: FINANCE },
        DATONG_2022,
        GOOD,
      );

    it('given claims approved on 2023-03-20, when tranche 1 is decided on 2023-03-19, then 422 R-DATE naming the review date', () => {
      application.given(reviewed).when(start('2023-03-19')).thenThrows({
        kind: 'rule',
        rule: 'R-DATE',
        message:
          'tranche 1 decided on 2023-03-19 cannot predate the review of the claims it pays (2023-03-20)',
      });
    });

    it('given claims approved on 2023-03-20, when tranche 1 is decided that day, then it starts', () => {
      const events = start('2023-03-20')(foldSeatApplication(reviewed));
      expect(events.map((e) => e.type)).toEqual(['TrancheApprovalStarted']);
    });

    it('given one claim approved on 2023-03-20 and another on 2023-03-25, when tranche 1 is decided on 2023-03-22, then 422 R-DATE: it would pay the later one', () => {
      const later = {
        type: 'ApplicationReviewed' as const,
        data: {
          processId: 'review-2',
          applicationId: 'app-1',
          reviewedBy: REVIEWER,
          decidedOn: '2023-03-25',
          decisions: [{ claimId: cid(2), approve: true }],
        },
      };
      const first = {
        ...later,
        data: {
          ...later.data,
          processId: 'review-1',
          decidedOn: '2023-03-20',
          decisions: [{ claimId: cid(1), approve: true }],
        },
      };
      application
        .given([...checkedApp, first, later])
        .when(start('2023-03-22'))
        .thenThrows({ kind: 'rule', rule: 'R-DATE' });
    });
  });

  describe('a notice not before its tranche', () => {
    const approved = [
      ...checkedApp,
      reviewedAllApproved(2, '2023-03-20'),
      ...tranche(1, '2023-04-01', [1, 2]),
    ];

    it('given a tranche approved on 2023-04-01, when a notice would start on 2023-03-31, then 422 R-DATE', () => {
      expect(() => checkPublishable(foldSeatApplication(approved), tid(1), '2023-03-31')).toThrow(
        expect.objectContaining({
          kind: 'rule',
          rule: 'R-DATE',
          message: `a notice starting 2023-03-31 cannot predate the approval of tranche ${tid(1)} (2023-04-01)`,
        }),
      );
    });

    it('given a tranche approved on 2023-04-01, when a notice starts that day, then it is publishable', () => {
      expect(checkPublishable(foldSeatApplication(approved), tid(1), '2023-04-01').trancheId).toBe(
        tid(1),
      );
    });
  });

  describe('a payment not before its notice ended', () => {
    const published = [
      ...checkedApp,
      reviewedAllApproved(2, '2023-03-20'),
      ...tranche(1, '2023-04-01', [1, 2]),
      publicized(1, '2023-04-02', '2023-04-08'),
    ];
    const pay = {
      disbursementId: 'd-1',
      trancheId: tid(1),
      amountFen: 500_000,
      bankRef: 'ICBC-R-DATE',
      paidBy: 'fin-2',
    };
    const ended = notice(1, '2023-04-02', '2023-04-08');

    for (const paidOn of ['2023-04-05', '2023-04-08']) {
      it(`given a notice whose last day is 2023-04-08, when paid on ${paidOn}, then 422 R-DATE`, () => {
        application
          .given(published)
          .when((s) => decideRecordDisbursement(s, { ...pay, paidOn }, ended, DATONG_2022, GOOD))
          .thenThrows({ kind: 'rule', rule: 'R-DATE' });
      });
    }

    it('given a notice whose last day is 2023-04-08, when paid on 2023-04-09, then the payment is written', () => {
      const events = decideRecordDisbursement(
        foldSeatApplication(published),
        { ...pay, paidOn: '2023-04-09' },
        ended,
        DATONG_2022,
        GOOD,
      );
      expect(events.map((e) => e.type)).toEqual(['TrancheDisbursed']);
    });
  });
});
