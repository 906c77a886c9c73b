import { decideReviewApplication } from './review-application.decider';
import { SeatApplicationEvent } from './seat-application.events';
import {
  APP,
  application,
  checked,
  cid,
  reviewedAllApproved,
  REVIEWER,
  submitted,
  TWO_MONTHS,
} from './testing/seat-application.fixture';

describe('seat-application decider', () => {
  describe('ReviewApplication', () => {
    const given = [submitted([TWO_MONTHS, TWO_MONTHS]), checked(2, 2)];
    const review = {
      processId: `${APP}.review-1`,
      reviewedBy: REVIEWER,
      decidedOn: '2023-03-20',
      decisions: [
        { claimId: cid(1), approve: true },
        { claimId: cid(2), approve: false, reason: 'no roster entry' },
      ],
    };

    it('given checked claims, when one is approved and one rejected with a reason, then ApplicationReviewed is written', () => {
      application
        .given(given)
        .when((s) => decideReviewApplication(s, review))
        .then([{ type: 'ApplicationReviewed', data: { applicationId: APP, ...review } }]);
    });

    it('given checked claims, when one is rejected without a reason, then it is invalid', () => {
      application
        .given(given)
        .when((s) =>
          decideReviewApplication(s, {
            ...review,
            decisions: [{ claimId: cid(2), approve: false, reason: '  ' }],
          }),
        )
        .thenThrows({ kind: 'invalid', rule: null });
    });

    it('given claims already reviewed, when they are reviewed again, then it is a conflict', () => {
      application
        .given([...given, reviewedAllApproved(2)])
        .when((s) => decideReviewApplication(s, { ...review, processId: `${APP}.review-2` }))
        .thenThrows({ kind: 'conflict' });
    });

    it('given a submission still being checked, when it is reviewed, then it is a conflict (retry later)', () => {
      application
        .given([submitted([TWO_MONTHS])])
        .when((s) =>
          decideReviewApplication(s, {
            ...review,
            decisions: [{ claimId: cid(1), approve: true }],
          }),
        )
        .thenThrows({ kind: 'conflict' });
    });

    it('given a claim refused at submission (R-SEAT-6), when it is approved, then it is refused naming R-SEAT-6', () => {
      const refusedAtSubmission: SeatApplicationEvent = {
        type: 'SeatApplicationChecked',
        data: {
          processId: APP,
          applicationId: APP,
          ordinal: 1,
          firstTrancheMonths: 2,
          results: [
            {
              claimId: cid(1),
              status: 'refused',
              rule: 'R-SEAT-6',
              reason: 'duplicate',
              conflictsWith: [],
            },
          ],
        },
      };
      application
        .given([submitted([TWO_MONTHS]), refusedAtSubmission])
        .when((s) =>
          decideReviewApplication(s, {
            ...review,
            decisions: [{ claimId: cid(1), approve: true }],
          }),
        )
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-6' });
    });

    it('given an application submitted on 2023-03-10, when it is reviewed on 2023-03-09, then it is refused naming R-DATE', () => {
      application
        .given(given)
        .when((s) => decideReviewApplication(s, { ...review, decidedOn: '2023-03-09' }))
        .thenThrows({ kind: 'rule', rule: 'R-DATE' });
    });

    it('given checked claims, when an unknown claim is reviewed, then it is not found', () => {
      application
        .given(given)
        .when((s) =>
          decideReviewApplication(s, {
            ...review,
            decisions: [{ claimId: cid(9), approve: true }],
          }),
        )
        .thenThrows({ kind: 'not_found' });
    });
  });
});
