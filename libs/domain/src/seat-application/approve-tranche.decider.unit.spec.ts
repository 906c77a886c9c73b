import { ReservationOutcome } from '../person/person.decider';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import {
  decideCompleteTrancheApproval,
  decideStartTrancheApproval,
} from './approve-tranche.decider';
import { SeatApplicationEvent } from './seat-application.events';
import { foldSeatApplication } from './seat-application.state';
import {
  APP,
  application,
  approvedApplication,
  checked,
  cid,
  EIGHT_MONTHS,
  FINANCE,
  GOOD,
  LONG,
  monthsEndingWith,
  REVIEWER,
  rid,
  submitted,
  tid,
  TRANCHE,
  tranche,
  trancheApproved,
  trancheStarted,
  TWO_MONTHS,
  withdrawn,
} from './testing/seat-application.fixture';

describe('seat-application decider', () => {
  describe('StartTrancheApproval', () => {
    it('given approved claims with enough months, when finance starts tranche 1, then every claim is a candidate for 2,500 yuan', () => {
      application
        .given(approvedApplication([EIGHT_MONTHS, TWO_MONTHS], 2))
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
            DATONG_2022,
            GOOD,
          ),
        )
        .then([trancheStarted(1, '2023-04-01', [1, 2])]);
    });

    it('given an application reviewed by rev-1, when rev-1 starts tranche 1, then it is forbidden naming R-SOD', () => {
      application
        .given(approvedApplication([EIGHT_MONTHS], 2))
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: REVIEWER },
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'forbidden', rule: 'R-SOD' });
    });

    describe('order (R-SEAT-3)', () => {
      it('given no tranche approved, when tranche 2 is started, then it is refused naming R-SEAT-3', () => {
        application
          .given(approvedApplication([LONG], 2))
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given tranche 1 approved, when tranche 1 is started again, then it is refused naming R-SEAT-3', () => {
        application
          .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given tranches 1 to 4 approved, when tranche 5 is started, then it is refused naming R-SEAT-3', () => {
        application
          .given([
            ...approvedApplication([LONG], 2),
            ...tranche(1, '2023-04-01', [1]),
            ...tranche(2, '2023-05-01', [1]),
            ...tranche(3, '2023-06-01', [1]),
            ...tranche(4, '2023-07-01', [1]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 5, decidedOn: '2023-08-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3', message: 'a seat has tranches 1 to 4' });
      });

      it('given tranche 1 approved on 2023-04-01, when tranche 2 is decided on 2023-03-31, then it is refused naming R-SEAT-3', () => {
        application
          .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-03-31', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given tranche 1 still being approved, when tranche 2 is started, then it is a conflict (retry later)', () => {
        application
          .given([...approvedApplication([LONG], 2), trancheStarted(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'conflict' });
      });
    });

    describe('months per claim (R-SEAT-2 for tranche 1, R-SEAT-3 later)', () => {
      it('given a trial-year first application (m1 = 2) with a claim of 1 month, when tranche 1 starts, then that claim is refused naming R-SEAT-2 and the rest goes on', () => {
        application
          .given(approvedApplication([TWO_MONTHS, ['2023-02']], 2))
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([
            trancheStarted(
              1,
              '2023-04-01',
              [1],
              [
                {
                  claimId: cid(2),
                  rule: 'R-SEAT-2',
                  reason: 'tranche 1 needs 2 months of wages and insurance; the claim shows 1',
                },
              ],
            ),
          ]);
      });

      it('given a second application (m1 = 6) with claims of 5 and 6 months, when tranche 1 starts, then 5 months are refused naming R-SEAT-2 and 6 qualify', () => {
        application
          .given(
            approvedApplication(
              [monthsEndingWith('2023-02', 6), monthsEndingWith('2023-02', 5)],
              6,
            ),
          )
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([
            trancheStarted(
              1,
              '2023-04-01',
              [1],
              [
                {
                  claimId: cid(2),
                  rule: 'R-SEAT-2',
                  reason: 'tranche 1 needs 6 months of wages and insurance; the claim shows 5',
                },
              ],
            ),
          ]);
      });

      it('given m1 = 2 and tranche 1 paid to claims of 8 and 7 months, when tranche 2 starts, then 8 qualify and 7 are refused naming R-SEAT-3', () => {
        application
          .given([
            ...approvedApplication([EIGHT_MONTHS, monthsEndingWith('2023-02', 7)], 2),
            ...tranche(1, '2023-04-01', [1, 2]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([
            trancheStarted(
              2,
              '2023-05-01',
              [1],
              [
                {
                  claimId: cid(2),
                  rule: 'R-SEAT-3',
                  reason: 'tranche 2 needs 8 months of wages and insurance; the claim shows 7',
                },
              ],
            ),
          ]);
      });

      it('given every claim short of months for tranche 1, when it starts, then it is refused naming R-SEAT-2 and nothing is written', () => {
        application
          .given(approvedApplication([['2023-02']], 2))
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-2' });
      });

      it('given every claim short of months for tranche 2, when it starts, then it is refused naming R-SEAT-3', () => {
        application
          .given([...approvedApplication([TWO_MONTHS], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given no approved claim (all rejected), when tranche 1 starts, then it is a rule error naming R-SEAT-3', () => {
        const rejected: SeatApplicationEvent = {
          type: 'ApplicationReviewed',
          data: {
            processId: `${APP}.review-1`,
            applicationId: APP,
            reviewedBy: REVIEWER,
            decidedOn: '2023-03-20',
            decisions: [{ claimId: cid(1), approve: false, reason: 'no roster entry' }],
          },
        };
        const released: SeatApplicationEvent = {
          type: 'RejectedClaimsReleased',
          data: { processId: `${APP}.review-1`, applicationId: APP, claimIds: [cid(1)] },
        };
        application
          .given([submitted([EIGHT_MONTHS]), checked(2, 1), rejected, released])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given a claim withdrawn from tranche 1 by an upheld objection, when tranche 2 starts, then only the claims tranche 1 still pays are candidates', () => {
        application
          .given([
            ...approvedApplication([LONG, LONG], 2),
            ...tranche(1, '2023-04-01', [1, 2]),
            withdrawn(1, 2),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([trancheStarted(2, '2023-05-01', [1])]);
      });

      it('given a claim refused at tranche 1 by the person cap, when tranche 2 starts, then it is not a candidate', () => {
        const capRefusal = { claimId: cid(2), rule: 'R-SEAT-5', reason: 'cap' };
        application
          .given([
            ...approvedApplication([LONG, LONG], 2),
            trancheStarted(1, '2023-04-01', [1, 2]),
            trancheApproved(1, '2023-04-01', [[1, TRANCHE]], [capRefusal]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([trancheStarted(2, '2023-05-01', [1])]);
      });
    });

    describe('window (R-SEAT-4)', () => {
      it('given tranche 1 approved on 2023-04-01, when tranche 2 is started on 2025-04-01 (exactly 24 months), then it is allowed', () => {
        application
          .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2025-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([trancheStarted(2, '2025-04-01', [1])]);
      });

      it('given tranche 1 approved on 2023-04-01, when tranche 2 is started on 2025-04-02, then it is refused naming R-SEAT-4', () => {
        application
          .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2025-04-02', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-4' });
      });

      it('given tranche 1 approved on 2024-02-29, when tranche 4 is started on 2026-02-28, then it is allowed (month-end clamp)', () => {
        const submittedOn = '2024-02-10';
        const long = monthsEndingWith('2024-01', 30);
        application
          .given([
            ...approvedApplication([long], 6, submittedOn),
            ...tranche(1, '2024-02-29', [1]),
            ...tranche(2, '2024-09-01', [1]),
            ...tranche(3, '2025-03-01', [1]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 4, decidedOn: '2026-02-28', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([trancheStarted(4, '2026-02-28', [1])]);
      });

      it('given tranche 1 approved on 2024-02-29, when tranche 4 is started on 2026-03-01, then it is refused naming R-SEAT-4', () => {
        const submittedOn = '2024-02-10';
        const long = monthsEndingWith('2024-01', 30);
        application
          .given([
            ...approvedApplication([long], 6, submittedOn),
            ...tranche(1, '2024-02-29', [1]),
            ...tranche(2, '2024-09-01', [1]),
            ...tranche(3, '2025-03-01', [1]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 4, decidedOn: '2026-03-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-4' });
      });
    });
  });

  describe('CompleteTrancheApproval', () => {
    const given = [
      ...approvedApplication([LONG, LONG, LONG], 2),
      trancheStarted(1, '2023-04-01', [1, 2, 3]),
    ];

    it('given a tranche being approved, when the persons reserve 2,500, 2,000 and refuse at the cap, then the tranche pays 4,500 yuan and names the refusal', () => {
      const outcomes = new Map<string, ReservationOutcome>([
        [rid(1, 1), { status: 'reserved', amountFen: 250_000 }],
        [rid(1, 2), { status: 'reserved', amountFen: 200_000 }],
        [rid(1, 3), { status: 'refused', rule: 'R-SEAT-5', reason: 'at the cap' }],
      ]);
      application
        .given(given)
        .when((s) => decideCompleteTrancheApproval(s, tid(1), outcomes))
        .then([
          trancheApproved(
            1,
            '2023-04-01',
            [
              [1, 250_000],
              [2, 200_000],
            ],
            [{ claimId: cid(3), rule: 'R-SEAT-5', reason: 'at the cap' }],
          ),
        ]);
    });

    it('given a tranche being approved, when every person is at the cap, then it is approved paying nothing', () => {
      const outcomes = new Map<string, ReservationOutcome>(
        [1, 2, 3].map((n) => [
          rid(1, n),
          { status: 'refused', rule: 'R-SEAT-5', reason: 'at the cap' },
        ]),
      );
      application
        .given(given)
        .when((s) => decideCompleteTrancheApproval(s, tid(1), outcomes))
        .then([
          trancheApproved(
            1,
            '2023-04-01',
            [],
            [1, 2, 3].map((n) => ({ claimId: cid(n), rule: 'R-SEAT-5', reason: 'at the cap' })),
          ),
        ]);
    });

    it('given a tranche being approved, when a person’s outcome is missing, then it throws rather than guess', () => {
      expect(() =>
        decideCompleteTrancheApproval(foldSeatApplication(given), tid(1), new Map()),
      ).toThrow(/has no outcome yet/);
    });

    it('given a tranche already approved, when it is completed again, then nothing is written', () => {
      application
        .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
        .when((s) => decideCompleteTrancheApproval(s, tid(1), new Map()))
        .thenNothing();
    });
  });
});
