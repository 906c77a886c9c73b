import { initialEnterpriseState } from '../enterprise/enterprise.decider';
import {
  decideStartRecognition,
  initialEffectiveSeatsState,
} from '../effective-seat/effective-seat.decider';
import { makeCreditCode } from '../identity/test-ids';
import { decideSubmitInternshipApplication } from '../internship/internship.decider';
import { initialInternshipState } from '../internship/internship.state';
import { goodStanding } from '../rules/enterprise-suspension.rule';
import { evolveSchool, initialSchoolState } from '../school/school.decider';
import { decideSubmitSeatApplication } from '../seat-application/submit-seat-application.decider';
import { initialSeatApplicationState } from '../seat-application/seat-application.state';
import { decideSubmitSiteApplication } from '../site/site.decider';
import { initialSiteState } from '../site/site.state';
import { LedgerError } from '../shared/ledger-error';
import { DATONG_2022 } from './datong-2022.policy';

/**
 * R-POL validity on every decider that accepts something new: datong-2022 is
 * in force from 2022-12-23 to 2023-12-22. A new seat or site application, or
 * an effective-seat recognition, is accepted on the first and the last day
 * and refused the day before and the day after; an internship application
 * goes by 1 January of its cohort year, whenever it is filed.
 */
const E = makeCreditCode(7301);
const S = makeCreditCode(7302);
const enterprise = {
  ...initialEnterpriseState(),
  registered: true,
  enterpriseId: E,
  seats: 300,
};
const effective = { policy: DATONG_2022, policyVersion: 'datong-2022' };
const months12 = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, '0')}`);

const refusal = (decide: () => unknown): LedgerError | undefined => {
  try {
    decide();
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  return undefined;
};

const seat = (submittedOn: string) => () =>
  decideSubmitSeatApplication(
    initialSeatApplicationState(),
    enterprise,
    {
      applicationId: 'app-pol',
      enterpriseId: E,
      submittedOn,
      claims: [
        {
          personKey: 'pk-1',
          personId: 'id-1',
          personIdMasked: 'masked-1',
          name: '张三',
          wageMonths: ['2022-11', '2022-12'],
          insuranceMonths: ['2022-11', '2022-12'],
        },
      ],
    },
    DATONG_2022,
  );

const site = (submittedOn: string) => () =>
  decideSubmitSiteApplication(
    initialSiteState(),
    enterprise,
    goodStanding(E),
    {
      siteId: 's-pol',
      enterpriseId: E,
      kind: 'lease',
      submittedOn,
      submittedBy: 'a-clerk',
      submittedByReviewer: false,
      premises: { address: '大同市 政策 1 号', premisesKey: 'pk' },
      lease: { startsOn: '2022-12-01', endsOn: '2027-11-30' },
    },
    effective,
  );

const recognition = (recognizedOn: string) => () =>
  decideStartRecognition(
    initialEffectiveSeatsState(),
    enterprise,
    {
      recognitionId: 'r-pol',
      enterpriseId: E,
      recognizedOn,
      recognizedBy: 'rita',
      seats: [
        {
          seatRef: 'A-1',
          occupants: [
            {
              personKey: 'pk-1',
              personId: 'id-1',
              personIdMasked: 'masked-1',
              name: '张三',
              wageMonths: months12,
              insuranceMonths: months12,
            },
          ],
        },
      ],
    },
    effective,
  );

const school = [
  {
    type: 'SchoolRegistered' as const,
    data: { schoolId: S, name: '大同职院', registeredOn: '2022-12-23' },
  },
].reduce(evolveSchool, initialSchoolState());
const internship = (year: number, submittedOn: string) => () =>
  decideSubmitInternshipApplication(
    initialInternshipState(),
    school,
    {
      applicationId: 'ia-pol',
      schoolId: S,
      year,
      submittedOn,
      submittedBy: 'school-clerk',
      submittedByReviewer: false,
      agreementRef: 'AGR',
      trainingBaseRef: 'BASE',
      interns: Array.from({ length: 50 }, (_, i) => ({
        personKey: `pk-${i}`,
        personId: `id-${i}`,
        personIdMasked: `masked-${i}`,
        name: `intern ${i}`,
        level: 'higher' as const,
        enterpriseId: E,
        employedMonths: [
          `${year}-07`,
          `${year}-08`,
          `${year}-09`,
          `${year}-10`,
          `${year}-11`,
          `${year}-12`,
        ],
      })),
    },
    DATONG_2022,
    new Set([E]),
  );

describe('R-POL: something new is accepted only while a version is in force', () => {
  describe.each([
    ['a seat application', seat],
    ['a site application', site],
    ['an effective-seat recognition', recognition],
  ])('%s', (_what, make) => {
    it.each(['2022-12-23', '2023-12-22'])(
      'given datong-2022, when dated %s (first and last trial day), then it is accepted',
      (date) => {
        expect(refusal(make(date))).toBeUndefined();
      },
    );

    it.each(['2022-12-22', '2023-12-23'])(
      'given datong-2022, when dated %s (the day before, the day after), then 422 R-POL and nothing is written',
      (date) => {
        expect(refusal(make(date))).toMatchObject({ kind: 'rule', rule: 'R-POL' });
      },
    );
  });

  describe('an internship application goes by 1 January of its cohort year', () => {
    it('given the 2023 cohort, when filed on 2024-02-15 (after the trial), then it is accepted: 2023-01-01 is inside the trial', () => {
      expect(refusal(internship(2023, '2024-02-15'))).toBeUndefined();
    });

    it('given the 2024 cohort, when filed on 2024-02-15, then 422 R-POL: no version is in force on 2024-01-01', () => {
      expect(refusal(internship(2024, '2024-02-15'))).toMatchObject({
        kind: 'rule',
        rule: 'R-POL',
        message: expect.stringContaining('2024-01-01'),
      });
    });

    it('given the 2022 cohort, when filed in the trial year, then 422 R-POL: 2022-01-01 is before the policy', () => {
      expect(refusal(internship(2022, '2023-03-01'))).toMatchObject({ rule: 'R-POL' });
    });
  });
});
