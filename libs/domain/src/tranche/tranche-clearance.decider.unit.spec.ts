import {
  decideClearEnterpriseTranche,
  decideStopEnterpriseClearances,
} from '../enterprise/enterprise-clearance.decider';
import {
  decideSuspendEnterprise,
  evolveEnterprise,
  initialEnterpriseState,
  standingOf,
} from '../enterprise/enterprise.decider';
import { EnterpriseEvent } from '../enterprise/enterprise.events';
import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import {
  decideClearSchoolTranche,
  decideLiftSchoolSuspension,
  decideSuspendSchool,
  schoolStandingOf,
} from '../school/school-standing.decider';
import { evolveSchool, initialSchoolState, SchoolEvent } from '../school/school.decider';
import { decideStartTrancheApproval } from '../seat-application/approve-tranche.decider';
import { decideRecordDisbursement } from '../seat-application/record-disbursement.decider';
import { foldSeatApplication } from '../seat-application/seat-application.state';
import {
  application,
  approvedApplication,
  EIGHT_MONTHS,
  ENT,
  FINANCE,
  GOOD,
  LONG,
  notice,
  publicized,
  tid,
  TRANCHE,
  tranche,
} from '../seat-application/testing/seat-application.fixture';
import { spec } from '../testing/decider-specification';
import { decideRevokeClearance, GrantClearanceCommand } from './tranche-clearance';

const enterprise = spec({ initial: initialEnterpriseState, evolve: evolveEnterprise });
const school = spec({ initial: initialSchoolState, evolve: evolveSchool });

const registered: EnterpriseEvent = {
  type: 'EnterpriseRegistered',
  data: {
    enterpriseId: ENT,
    name: '大同标注科技',
    industry: 'annotation',
    seats: 300,
    registeredOn: '2023-01-05',
  },
};
const clear = (clearanceId: string, action: 'approve' | 'pay' = 'pay'): GrantClearanceCommand => ({
  clearanceId,
  action,
  trancheId: tid(1),
  grantedOn: '2023-04-09',
});
const granted = (clearanceId: string, action: 'approve' | 'pay' = 'pay'): EnterpriseEvent => ({
  type: 'TrancheClearanceGranted',
  data: { enterpriseId: ENT, ...clear(clearanceId, action) },
});
const suspended: EnterpriseEvent = {
  type: 'EnterpriseSuspended',
  data: { enterpriseId: ENT, caseId: 'case-1', suspendedOn: '2023-04-10', reason: 'tip' },
};

describe('R-FRAUD clearances: no approval or payment decided before a suspension is recorded after it (ADR 0014)', () => {
  describe('on the enterprise stream', () => {
    it('given a registered enterprise in good standing, when a payment clears itself, then TrancheClearanceGranted is appended and pending until a suspension', () => {
      enterprise
        .given([registered])
        .when((s) => decideClearEnterpriseTranche(s, clear('c-1')))
        .then([granted('c-1')]);
      const state = [registered, granted('c-1'), granted('c-2', 'approve')].reduce(
        evolveEnterprise,
        initialEnterpriseState(),
      );
      expect([...state.pendingClearances.keys()]).toEqual(['c-1', 'c-2']);
    });

    it('given the enterprise suspended, when a payment clears itself, then it answers 423 naming R-FRAUD and nothing is written', () => {
      enterprise
        .given([registered, suspended])
        .when((s) => decideClearEnterpriseTranche(s, clear('c-1')))
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD' });
    });

    it('given a clearance already granted, when the same clearance is asked again, then nothing is written', () => {
      enterprise
        .given([registered, granted('c-1')])
        .when((s) => decideClearEnterpriseTranche(s, clear('c-1')))
        .thenNothing();
    });

    it('given clearances pending, when the enterprise is suspended, then none is pending any more (the suspension settled them first)', () => {
      const state = [registered, granted('c-1'), suspended].reduce(
        evolveEnterprise,
        initialEnterpriseState(),
      );
      expect(state.pendingClearances.size).toBe(0);
      expect(
        decideSuspendEnterprise(state, {
          caseId: 'case-1',
          suspendedOn: '2023-04-10',
          reason: 'x',
        }),
      ).toEqual([]);
    });

    it('given a case suspending the enterprise, when it stops clearances first, then later clearances answer 423 naming the case until the suspension is recorded', () => {
      const stopped: EnterpriseEvent = {
        type: 'TrancheClearancesStopped',
        data: { enterpriseId: ENT, caseId: 'case-1', stoppedOn: '2023-04-10' },
      };
      enterprise
        .given([registered, granted('c-1')])
        .when((s) =>
          decideStopEnterpriseClearances(s, { caseId: 'case-1', stoppedOn: '2023-04-10' }),
        )
        .then([stopped]);
      enterprise
        .given([registered, stopped])
        .when((s) =>
          decideStopEnterpriseClearances(s, { caseId: 'case-1', stoppedOn: '2023-04-10' }),
        )
        .thenNothing();
      enterprise
        .given([registered, granted('c-1'), stopped])
        .when((s) => decideClearEnterpriseTranche(s, clear('c-2')))
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD', details: { suspendedBy: ['case-1'] } });
      const before = [registered, granted('c-1'), stopped].reduce(
        evolveEnterprise,
        initialEnterpriseState(),
      );
      expect([...before.pendingClearances.keys()]).toEqual(['c-1']);
      const after = [registered, granted('c-1'), stopped, suspended].reduce(
        evolveEnterprise,
        initialEnterpriseState(),
      );
      expect(after.clearanceStops.size).toBe(0);
      expect(standingOf(after, ENT).suspendedByCaseIds).toEqual(['case-1']);
      enterprise
        .given([registered, stopped, suspended])
        .when((s) =>
          decideStopEnterpriseClearances(s, { caseId: 'case-1', stoppedOn: '2023-04-10' }),
        )
        .thenNothing();
    });

    it('given an unknown enterprise, when a clearance is asked, then it is not found', () => {
      enterprise
        .given([])
        .when((s) => decideClearEnterpriseTranche(s, clear('c-1')))
        .thenThrows({ kind: 'not_found' });
    });
  });

  describe('on the school stream (a case may suspend a school)', () => {
    const SCHOOL = makeCreditCode(41);
    const schoolRegistered: SchoolEvent = {
      type: 'SchoolRegistered',
      data: { schoolId: SCHOOL, name: '大同职业学院', registeredOn: '2023-01-05' },
    };
    const schoolSuspended: SchoolEvent = {
      type: 'SchoolSuspended',
      data: { schoolId: SCHOOL, caseId: 'case-9', suspendedOn: '2024-03-01', reason: 'tip' },
    };

    it('given a school, when a case suspends it, then SchoolSuspended is appended once and the standing names the case', () => {
      school
        .given([schoolRegistered])
        .when((s) =>
          decideSuspendSchool(s, { caseId: 'case-9', suspendedOn: '2024-03-01', reason: 'tip' }),
        )
        .then([schoolSuspended]);
      school
        .given([schoolRegistered, schoolSuspended])
        .when((s) =>
          decideSuspendSchool(s, { caseId: 'case-9', suspendedOn: '2024-03-01', reason: 'tip' }),
        )
        .thenNothing();
      const state = [schoolRegistered, schoolSuspended].reduce(evolveSchool, initialSchoolState());
      expect(schoolStandingOf(state, SCHOOL)).toEqual({
        schoolId: SCHOOL,
        suspendedByCaseIds: ['case-9'],
      });
    });

    it('given a suspended school, when an internship payment clears itself, then 423 R-FRAUD; once lifted, it is cleared', () => {
      const cmd = { ...clear('c-9'), trancheId: 'int-1.i1' };
      school
        .given([schoolRegistered, schoolSuspended])
        .when((s) => decideClearSchoolTranche(s, cmd))
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD', message: /^school / });
      const lifted = decideLiftSchoolSuspension(
        [schoolRegistered, schoolSuspended].reduce(evolveSchool, initialSchoolState()),
        { caseId: 'case-9', liftedOn: '2024-05-01', reason: 'recovered' },
      );
      expect(lifted.map((e) => e.type)).toEqual(['SchoolSuspensionLifted']);
      school
        .given([schoolRegistered, schoolSuspended, ...lifted])
        .when((s) => decideClearSchoolTranche(s, cmd))
        .then([{ type: 'TrancheClearanceGranted', data: { schoolId: SCHOOL, ...cmd } }]);
    });
  });

  describe('on the tranche stream', () => {
    const pay = (clearanceId: string) => ({
      disbursementId: 'disb-1',
      trancheId: tid(1),
      paidOn: '2023-04-09',
      amountFen: TRANCHE,
      bankRef: 'ICBC-0001',
      paidBy: FINANCE,
      clearanceId,
    });
    const payable = [
      ...approvedApplication([LONG], 2),
      ...tranche(1, '2023-04-01', [1]),
      publicized(1, '2023-04-02', '2023-04-08'),
    ];
    const revoke = (clearanceId: string) => ({
      trancheId: tid(1),
      clearanceId,
      caseId: 'case-1',
      revokedOn: '2023-04-10',
    });

    it('given a payment cleared, when it is recorded, then TrancheDisbursed names its clearance', () => {
      const [event] = decideRecordDisbursement(
        foldSeatApplication(payable),
        pay('c-1'),
        notice(1, '2023-04-02', '2023-04-08'),
        DATONG_2022,
        GOOD,
      );
      expect(event).toMatchObject({ type: 'TrancheDisbursed', data: { clearanceId: 'c-1' } });
    });

    it('given a suspension revoked the clearance, when the payment is recorded, then it answers 423 naming R-FRAUD and nothing is written', () => {
      application
        .given([...payable, { type: 'TrancheClearanceRevoked', data: revoke('c-1') }])
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay('c-1'),
            notice(1, '2023-04-02', '2023-04-08'),
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD', details: { clearanceId: 'c-1' } });
    });

    it('given a suspension revoked the clearance, when the tranche approval starts with it, then it answers 423', () => {
      application
        .given([
          ...approvedApplication([EIGHT_MONTHS], 2),
          { type: 'TrancheClearanceRevoked', data: revoke('c-2') },
        ])
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE, clearanceId: 'c-2' },
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD' });
    });

    it('given the payment recorded with its clearance, when a suspension settles it, then nothing is revoked; an unused one is revoked once', () => {
      const paid = decideRecordDisbursement(
        foldSeatApplication(payable),
        pay('c-1'),
        notice(1, '2023-04-02', '2023-04-08'),
        DATONG_2022,
        GOOD,
      );
      application
        .given([...payable, ...paid])
        .when((s) => decideRevokeClearance(s.clearances, revoke('c-1')))
        .thenNothing();
      application
        .given(payable)
        .when((s) => decideRevokeClearance(s.clearances, revoke('c-3')))
        .then([{ type: 'TrancheClearanceRevoked', data: revoke('c-3') }]);
      application
        .given([...payable, { type: 'TrancheClearanceRevoked', data: revoke('c-3') }])
        .when((s) => decideRevokeClearance(s.clearances, revoke('c-3')))
        .thenNothing();
    });
  });
});
