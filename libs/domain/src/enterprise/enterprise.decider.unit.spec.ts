import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { spec } from '../testing/decider-specification';
import {
  decideLiftSuspension,
  decideRegisterEnterprise,
  decideRegisterSeatApplication,
  decideReportFundUse,
  decideSuspendEnterprise,
  evolveEnterprise,
  initialEnterpriseState,
  RegisterEnterpriseCommand,
  ReportFundUseCommand,
  requireEnterprise,
  standingOf,
} from './enterprise.decider';
import { EnterpriseEvent } from './enterprise.events';

const enterpriseId = makeCreditCode(1);
const enterprise = spec({ initial: initialEnterpriseState, evolve: evolveEnterprise });

const register: RegisterEnterpriseCommand = {
  enterpriseId,
  name: '大同数据呼叫有限公司',
  industry: 'call',
  seats: 240,
  registeredOn: '2023-01-05',
};
const registered: EnterpriseEvent = { type: 'EnterpriseRegistered', data: { ...register } };

function applicationRegistered(
  applicationId: string,
  submittedOn: string,
  ordinal: number,
  firstTrancheMonths: number,
): EnterpriseEvent {
  return {
    type: 'SeatApplicationRegistered',
    data: { applicationId, submittedOn, ordinal, firstTrancheMonths, policyVersion: 'datong-2022' },
  };
}

describe('enterprise decider', () => {
  describe('RegisterEnterprise', () => {
    it('given no enterprise, when it is registered, then EnterpriseRegistered is written', () => {
      enterprise
        .given([])
        .when((s) => decideRegisterEnterprise(s, register))
        .then([registered]);
    });

    it('given a registered enterprise, when it is registered again, then it is a conflict', () => {
      enterprise
        .given([registered])
        .when((s) => decideRegisterEnterprise(s, register))
        .thenThrows({ kind: 'conflict', rule: null });
    });

    it('given no enterprise, when it is required, then it is not found', () => {
      expect(() => requireEnterprise(initialEnterpriseState(), enterpriseId)).toThrow(
        expect.objectContaining({ kind: 'not_found' }),
      );
    });
  });

  describe('RegisterSeatApplication (R-SEAT-2 ordinal and first-tranche months)', () => {
    it('given no prior application, when the first is submitted in the trial year, then it is ordinal 1 needing 2 months', () => {
      enterprise
        .given([registered])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-1', submittedOn: '2023-02-01' },
            DATONG_2022,
          ),
        )
        .then([applicationRegistered('app-1', '2023-02-01', 1, 2)]);
    });

    it('given no prior application, when the first is submitted on the last trial day 2023-12-22, then it needs 2 months', () => {
      enterprise
        .given([registered])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-1', submittedOn: '2023-12-22' },
            DATONG_2022,
          ),
        )
        .then([applicationRegistered('app-1', '2023-12-22', 1, 2)]);
    });

    it('given no prior application, when the first is submitted after the trial on 2023-12-23, then it needs 6 months', () => {
      enterprise
        .given([registered])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-1', submittedOn: '2023-12-23' },
            DATONG_2022,
          ),
        )
        .then([applicationRegistered('app-1', '2023-12-23', 1, 6)]);
    });

    it('given a first application in the trial year, when a second is submitted in the trial year, then it is ordinal 2 needing 6 months', () => {
      enterprise
        .given([registered, applicationRegistered('app-1', '2023-02-01', 1, 2)])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-2', submittedOn: '2023-03-01' },
            DATONG_2022,
          ),
        )
        .then([applicationRegistered('app-2', '2023-03-01', 2, 6)]);
    });

    it('given an application already registered, when it is registered again, then nothing is written (idempotent)', () => {
      enterprise
        .given([registered, applicationRegistered('app-1', '2023-02-01', 1, 2)])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-1', submittedOn: '2023-02-01' },
            DATONG_2022,
          ),
        )
        .thenNothing();
    });

    it('given a registered application, when the state is folded, then it remembers the ordinal and months', () => {
      const state = [registered, applicationRegistered('app-1', '2023-02-01', 1, 2)].reduce(
        evolveEnterprise,
        initialEnterpriseState(),
      );
      expect(state.applications.get('app-1')).toEqual({ ordinal: 1, firstTrancheMonths: 2 });
      expect(state.seats).toBe(240);
    });
  });
});

describe('enterprise decider: suspension (R-FRAUD) and use of funds (R-SEAT-7)', () => {
  const suspended = (caseId: string): EnterpriseEvent => ({
    type: 'EnterpriseSuspended',
    data: { enterpriseId, caseId, suspendedOn: '2024-03-01', reason: 'spot check' },
  });
  const lifted = (caseId: string): EnterpriseEvent => ({
    type: 'EnterpriseSuspensionLifted',
    data: { enterpriseId, caseId, liftedOn: '2024-06-01', reason: 'case closed: upheld' },
  });
  const fold = (events: EnterpriseEvent[]) =>
    events.reduce(evolveEnterprise, initialEnterpriseState());

  describe('SuspendEnterprise (a step of opening a case with suspension)', () => {
    it('given a registered enterprise, when case-1 suspends it, then EnterpriseSuspended names the case', () => {
      enterprise
        .given([registered])
        .when((s) =>
          decideSuspendEnterprise(s, {
            caseId: 'case-1',
            suspendedOn: '2024-03-01',
            reason: 'spot check',
          }),
        )
        .then([suspended('case-1')]);
    });

    it('given case-1 suspended it, when the step is retried, then nothing is written', () => {
      enterprise
        .given([registered, suspended('case-1')])
        .when((s) =>
          decideSuspendEnterprise(s, { caseId: 'case-1', suspendedOn: '2024-03-01', reason: 'x' }),
        )
        .thenNothing();
    });

    it('given case-1 suspended it and lifted it, when the suspension step is replayed late, then it does not suspend again', () => {
      enterprise
        .given([registered, suspended('case-1'), lifted('case-1')])
        .when((s) =>
          decideSuspendEnterprise(s, { caseId: 'case-1', suspendedOn: '2024-03-01', reason: 'x' }),
        )
        .thenNothing();
    });

    it('given suspensions by two cases, when one is lifted, then the enterprise is still suspended by the other', () => {
      const state = fold([registered, suspended('case-1'), suspended('case-2'), lifted('case-1')]);
      expect(standingOf(state, enterpriseId)).toEqual({
        enterpriseId,
        suspendedByCaseIds: ['case-2'],
      });
    });

    it('given no suspension, when the standing is read, then no case suspends it', () => {
      expect(standingOf(fold([registered]), enterpriseId).suspendedByCaseIds).toEqual([]);
    });
  });

  describe('LiftSuspension (a step of closing the case)', () => {
    it('given case-1 suspended it, when case-1 closes, then EnterpriseSuspensionLifted names the case', () => {
      enterprise
        .given([registered, suspended('case-1')])
        .when((s) =>
          decideLiftSuspension(s, {
            caseId: 'case-1',
            liftedOn: '2024-06-01',
            reason: 'case closed: upheld',
          }),
        )
        .then([lifted('case-1')]);
    });

    it('given case-1 never suspended it, when case-1 closes, then nothing is written', () => {
      enterprise
        .given([registered, suspended('case-2')])
        .when((s) =>
          decideLiftSuspension(s, { caseId: 'case-1', liftedOn: '2024-06-01', reason: 'x' }),
        )
        .thenNothing();
    });

    it('given the suspension already lifted, when the step is retried, then nothing is written', () => {
      enterprise
        .given([registered, suspended('case-1'), lifted('case-1')])
        .when((s) =>
          decideLiftSuspension(s, { caseId: 'case-1', liftedOn: '2024-06-01', reason: 'x' }),
        )
        .thenNothing();
    });
  });

  describe('ReportFundUse (R-SEAT-7)', () => {
    const report: ReportFundUseCommand = {
      enterpriseId,
      reportId: 'fu-1',
      reportedOn: '2024-01-31',
      educationFen: 120_000,
      otherFen: 380_000,
      reportedBy: 'a-clerk',
    };

    it('given a registered enterprise, when it reports its spending, then FundUseReported is written', () => {
      enterprise
        .given([registered])
        .when((s) => decideReportFundUse(s, report))
        .then([{ type: 'FundUseReported', data: { ...report } }]);
    });

    it('given the same report recorded, when it is reported again, then nothing is written', () => {
      enterprise
        .given([registered, { type: 'FundUseReported', data: { ...report } }])
        .when((s) => decideReportFundUse(s, report))
        .thenNothing();
    });

    it('given no enterprise, when a report comes in, then it is not found', () => {
      enterprise
        .given([])
        .when((s) => decideReportFundUse(s, report))
        .thenThrows({ kind: 'not_found' });
    });

    it('given a report of nothing, when reported, then it is invalid', () => {
      enterprise
        .given([registered])
        .when((s) => decideReportFundUse(s, { ...report, educationFen: 0, otherFen: 0 }))
        .thenThrows({ kind: 'invalid' });
    });

    it('given a negative or fractional amount, when reported, then it is invalid naming the field', () => {
      enterprise
        .given([registered])
        .when((s) => decideReportFundUse(s, { ...report, otherFen: -1 }))
        .thenThrows({ kind: 'invalid', details: { field: 'otherFen' } });
      enterprise
        .given([registered])
        .when((s) => decideReportFundUse(s, { ...report, educationFen: 0.5 }))
        .thenThrows({ kind: 'invalid', details: { field: 'educationFen' } });
    });
  });
});
