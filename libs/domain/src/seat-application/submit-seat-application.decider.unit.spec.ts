import { initialEnterpriseState } from '../enterprise/enterprise.decider';
import { makeCreditCode } from '../identity/test-ids';
import { StepOutcome } from '../person/person.decider';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { Month } from '../shared/business-date';
import {
  decideCompleteSubmission,
  decideSubmitSeatApplication,
  SubmitSeatApplicationCommand,
} from './submit-seat-application.decider';
import {
  APP,
  application,
  checked,
  cid,
  ENT,
  enterpriseWith,
  people,
  submitted,
  TWO_MONTHS,
} from './testing/seat-application.fixture';

describe('seat-application decider', () => {
  describe('SubmitSeatApplication', () => {
    const claim = (i: number, wageMonths: Month[], insuranceMonths: Month[] = wageMonths) => ({
      ...people[i],
      wageMonths,
      insuranceMonths,
    });
    const cmd: SubmitSeatApplicationCommand = {
      applicationId: APP,
      enterpriseId: ENT,
      submittedOn: '2023-03-10',
      claims: [
        claim(0, ['2023-01', '2023-02', '2023-03'], ['2023-02', '2023-03']),
        claim(1, TWO_MONTHS),
      ],
    };

    it('given an enterprise with 200 seats, when it submits, then the claims are recorded with their qualifying months (a wage month without insurance does not count)', () => {
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(200), cmd, DATONG_2022))
        .then([
          {
            type: 'SeatApplicationSubmitted',
            data: {
              processId: APP,
              applicationId: APP,
              enterpriseId: ENT,
              submittedOn: '2023-03-10',
              policyVersion: 'datong-2022',
              claims: [
                { claimId: cid(1), ...cmd.claims[0], months: ['2023-02', '2023-03'] },
                { claimId: cid(2), ...cmd.claims[1], months: TWO_MONTHS },
              ],
            },
          },
        ]);
    });

    it('given an enterprise with 199 seats, when it submits, then it is refused naming R-SEAT-1 and nothing is written', () => {
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(199), cmd, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-1' });
    });

    it('given a submission on 2023-03-10, when a claim names wages for 2023-04, then it is refused naming R-SEAT-2', () => {
      const late = { ...cmd, claims: [claim(0, ['2023-03', '2023-04'], ['2023-03'])] };
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(240), late, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-2', details: { field: 'claims.0' } });
    });

    it('given a submission on 2023-03-10, when a claim names insurance for 2023-04, then it is refused naming R-SEAT-2', () => {
      const late = { ...cmd, claims: [claim(0, ['2023-03'], ['2023-03', '2023-04'])] };
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(240), late, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-2' });
    });

    it('given one application, when the same person is claimed twice in it, then it is refused naming R-SEAT-6', () => {
      const twice = { ...cmd, claims: [claim(0, TWO_MONTHS), { ...claim(0, ['2022-12']) }] };
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(240), twice, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-6', details: { field: 'claims.1.personId' } });
    });

    it('given an enterprise, when it submits no claims, then it is invalid', () => {
      application
        .given([])
        .when((s) =>
          decideSubmitSeatApplication(s, enterpriseWith(240), { ...cmd, claims: [] }, DATONG_2022),
        )
        .thenThrows({ kind: 'invalid' });
    });

    it('given an unregistered enterprise, when it submits, then it is not found', () => {
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, initialEnterpriseState(), cmd, DATONG_2022))
        .thenThrows({ kind: 'not_found' });
    });

    it('given an application already submitted, when it is submitted again, then it is a conflict', () => {
      application
        .given([submitted([TWO_MONTHS])])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(240), cmd, DATONG_2022))
        .thenThrows({ kind: 'conflict' });
    });
  });

  describe('CompleteSubmission', () => {
    it('given a submission, when the person steps come back with one duplicate, then that claim is refused with the other claim named', () => {
      const conflictsWith = [
        { claimId: 'app-9.c1', enterpriseId: makeCreditCode(9), months: ['2023-02'] },
      ];
      const outcomes = new Map<string, StepOutcome>([
        [cid(1), { status: 'claimed', months: TWO_MONTHS }],
        [
          cid(2),
          {
            status: 'refused',
            rule: 'R-SEAT-6',
            reason: 'months 2023-02 are already claimed',
            conflictsWith,
          },
        ],
      ]);
      application
        .given([submitted([TWO_MONTHS, TWO_MONTHS])])
        .when((s) => decideCompleteSubmission(s, { ordinal: 1, firstTrancheMonths: 2 }, outcomes))
        .then([
          {
            type: 'SeatApplicationChecked',
            data: {
              processId: APP,
              applicationId: APP,
              ordinal: 1,
              firstTrancheMonths: 2,
              results: [
                { claimId: cid(1), status: 'submitted' },
                {
                  claimId: cid(2),
                  status: 'refused',
                  rule: 'R-SEAT-6',
                  reason: 'months 2023-02 are already claimed',
                  conflictsWith,
                },
              ],
            },
          },
        ]);
    });

    it('given a submission already checked, when it is completed again, then nothing is written', () => {
      application
        .given([submitted([TWO_MONTHS]), checked(2, 1)])
        .when((s) => decideCompleteSubmission(s, { ordinal: 1, firstTrancheMonths: 2 }, new Map()))
        .thenNothing();
    });
  });
});
