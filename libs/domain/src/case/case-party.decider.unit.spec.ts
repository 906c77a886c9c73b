import { makeCreditCode } from '../identity/test-ids';
import { spec } from '../testing/decider-specification';
import {
  caseTotals,
  decideCompleteCaseOpening,
  decideCompleteFinding,
  decideOpenCase,
  decideRecordFinding,
  decideRecordRecovery,
  evolveCase,
  foldCase,
  initialCaseState,
} from './case.decider';
import { CaseEvent, FalseClaimOutcome, FalseTrancheOutcome, FalseTrancheRef } from './case.events';

const fraudCase = spec({ initial: initialCaseState, evolve: evolveCase });
const SCHOOL = makeCreditCode(61);
const ENT = makeCreditCode(62);
const registered = { registered: true };

const openSchool = {
  caseId: 'case-s',
  schoolId: SCHOOL,
  openedOn: '2024-03-01',
  openedBy: 'sue',
  reason: 'interns never employed',
  suspend: false,
};
const schoolOpened: CaseEvent = {
  type: 'CaseOpened',
  data: {
    processId: 'case-s',
    caseId: 'case-s',
    schoolId: SCHOOL,
    openedOn: '2024-03-01',
    openedBy: 'sue',
    reason: 'interns never employed',
    suspend: false,
  },
};
const reward: FalseTrancheRef = {
  trancheId: 'i1.i1',
  programme: 'internship',
  applicationId: 'i1',
};
const rewardFound: FalseTrancheOutcome = {
  ...reward,
  status: 'found',
  foundFalseBy: { caseId: 'case-s', findingId: 'f-s' },
  approvedFen: 180_000,
  cancelledFen: 0,
  payment: {
    disbursementId: 'd-7',
    bankRef: 'ICBC-7',
    paidOn: '2024-02-05',
    amountFen: 180_000,
    clawbackId: 'd-7:i1.i1',
  },
};
const schoolFinding = {
  findingId: 'f-s',
  foundOn: '2024-03-10',
  note: 'retention forged',
  recordedBy: 'sue',
  claims: [],
  tranches: [reward],
};

describe('case decider: cases against schools, findings naming tranches (R-FRAUD amended)', () => {
  it('given a registered school, when a supervisor opens a case against it, then CaseOpened names the school only', () => {
    fraudCase
      .given([])
      .when((s) => decideOpenCase(s, registered, openSchool))
      .then([schoolOpened]);
    expect(foldCase([schoolOpened]).party).toEqual({ kind: 'school', id: SCHOOL });
  });

  it('given both an enterprise and a school, or neither, when a case is opened, then it is invalid; an unknown school is not found', () => {
    fraudCase
      .given([])
      .when((s) => decideOpenCase(s, registered, { ...openSchool, enterpriseId: ENT }))
      .thenThrows({ kind: 'invalid' });
    fraudCase
      .given([])
      .when((s) => decideOpenCase(s, registered, { ...openSchool, schoolId: undefined }))
      .thenThrows({ kind: 'invalid' });
    fraudCase
      .given([])
      .when((s) => decideOpenCase(s, { registered: false }, openSchool))
      .thenThrows({ kind: 'not_found', message: `school ${SCHOOL}` });
  });

  it('given a school case opened with suspension, when the opening completes, then CaseSuspensionApplied names the school', () => {
    const opened: CaseEvent = { ...schoolOpened, data: { ...schoolOpened.data, suspend: true } };
    fraudCase
      .given([opened])
      .when(decideCompleteCaseOpening)
      .then([
        {
          type: 'CaseSuspensionApplied',
          data: {
            processId: 'case-s',
            caseId: 'case-s',
            schoolId: SCHOOL,
            suspendedOn: '2024-03-01',
          },
        },
      ]);
  });

  it('given a school case, when a finding names its internship tranche, then FindingRecorded carries the tranche; seat claims are refused 422', () => {
    fraudCase
      .given([schoolOpened])
      .when((s) => decideRecordFinding(s, schoolFinding))
      .then([
        {
          type: 'FindingRecorded',
          data: {
            processId: 'f-s',
            caseId: 'case-s',
            schoolId: SCHOOL,
            findingId: 'f-s',
            foundOn: '2024-03-10',
            note: 'retention forged',
            recordedBy: 'sue',
            claims: [],
            tranches: [reward],
          },
        },
      ]);
    fraudCase
      .given([schoolOpened])
      .when((s) =>
        decideRecordFinding(s, {
          ...schoolFinding,
          claims: [{ claimId: 'a.c1', applicationId: 'a', personKey: 'k', personIdMasked: 'm' }],
        }),
      )
      .thenThrows({ kind: 'rule', rule: 'R-FRAUD' });
  });

  it('given a tranche named twice, or already named by this case, when recorded, then invalid, then a conflict', () => {
    fraudCase
      .given([schoolOpened])
      .when((s) => decideRecordFinding(s, { ...schoolFinding, tranches: [reward, reward] }))
      .thenThrows({ kind: 'invalid', details: { field: 'falseTrancheIds.1' } });
    const recorded = decideRecordFinding(foldCase([schoolOpened]), schoolFinding);
    const applied = decideCompleteFinding(
      foldCase([schoolOpened, ...recorded]),
      'f-s',
      [],
      [],
      [rewardFound],
    );
    fraudCase
      .given([schoolOpened, ...recorded, ...applied])
      .when((s) => decideRecordFinding(s, { ...schoolFinding, findingId: 'f-2' }))
      .thenThrows({ kind: 'conflict', rule: 'R-FRAUD' });
  });

  it('given the internship tranche step done, when the finding completes, then 1,800 yuan are due back from the school, which the case has suspended', () => {
    const recorded = decideRecordFinding(foldCase([schoolOpened]), schoolFinding);
    const [applied] = decideCompleteFinding(
      foldCase([schoolOpened, ...recorded]),
      'f-s',
      [],
      [],
      [rewardFound],
    );
    expect(applied).toEqual({
      type: 'FindingApplied',
      data: {
        processId: 'f-s',
        caseId: 'case-s',
        schoolId: SCHOOL,
        findingId: 'f-s',
        foundOn: '2024-03-10',
        claims: [],
        tranches: [rewardFound],
        clawbackDueFen: 180_000,
        cancelledFen: 0,
        settledClaimIds: [],
        suspended: true,
      },
    });
    const state = foldCase([schoolOpened, ...recorded, applied]);
    expect(state.suspensionApplied).toBe(true);
    expect(state.clawbacks).toEqual([
      expect.objectContaining({
        clawbackId: 'd-7:i1.i1',
        claimId: 'i1.i1',
        programme: 'internship',
        amountFen: 180_000,
      }),
    ]);
    const [recovery] = decideRecordRecovery(state, {
      recoveryId: 'r-1',
      receivedOn: '2024-04-01',
      amountFen: 180_000,
      bankRef: 'BACK-1',
      recordedBy: 'fay',
    });
    expect(recovery.data).toMatchObject({
      schoolId: SCHOOL,
      allocations: [
        {
          clawbackId: 'd-7:i1.i1',
          claimId: 'i1.i1',
          disbursementId: 'd-7',
          amountFen: 180_000,
          programme: 'internship',
        },
      ],
      settledClaims: [],
    });
  });

  it('given an enterprise case with a false claim and a false lease year, when money comes back, then it repays the oldest payment first across both and only the claim settles a cap', () => {
    const opened: CaseEvent = {
      type: 'CaseOpened',
      data: {
        ...schoolOpened.data,
        schoolId: undefined,
        enterpriseId: ENT,
        caseId: 'case-e',
        processId: 'case-e',
      },
    };
    const lease: FalseTrancheOutcome = {
      trancheId: 's1.y1',
      programme: 'siteLease',
      applicationId: 's1',
      status: 'found',
      foundFalseBy: { caseId: 'case-e', findingId: 'f-e' },
      approvedFen: 500_000,
      cancelledFen: 0,
      payment: {
        disbursementId: 'd-1',
        bankRef: 'B-1',
        paidOn: '2023-02-01',
        amountFen: 500_000,
        clawbackId: 'd-1:s1.y1',
      },
    };
    const claim: FalseClaimOutcome = {
      claimId: 'a.c1',
      applicationId: 'a',
      personKey: 'k1',
      personIdMasked: 'm',
      status: 'found',
      foundFalseBy: { caseId: 'case-e', findingId: 'f-e' },
      tranches: [
        {
          trancheId: 'a.t1',
          reservationId: 'a.t1:a.c1',
          approvedFen: 250_000,
          cancelledFen: 0,
          payment: {
            disbursementId: 'd-2',
            bankRef: 'B-2',
            paidOn: '2023-03-01',
            amountFen: 250_000,
            clawbackId: 'd-2:a.c1',
          },
        },
      ],
    };
    const recorded = decideRecordFinding(foldCase([opened]), {
      findingId: 'f-e',
      foundOn: '2024-03-10',
      note: 'x',
      recordedBy: 'sue',
      claims: [claim],
      tranches: [{ trancheId: 's1.y1', programme: 'siteLease', applicationId: 's1' }],
    });
    const applied = decideCompleteFinding(
      foldCase([opened, ...recorded]),
      'f-e',
      [claim],
      [],
      [lease],
    );
    const state = foldCase([opened, ...recorded, ...applied]);
    expect(caseTotals(state)).toEqual({
      clawbackDueFen: 750_000,
      recoveredFen: 0,
      outstandingFen: 750_000,
    });
    const [partial] = decideRecordRecovery(state, {
      recoveryId: 'r-1',
      receivedOn: '2024-04-01',
      amountFen: 600_000,
      bankRef: 'BACK-1',
      recordedBy: 'fay',
    });
    expect(partial.type === 'RecoveryRecorded' && partial.data.allocations).toEqual([
      {
        clawbackId: 'd-1:s1.y1',
        claimId: 's1.y1',
        disbursementId: 'd-1',
        amountFen: 500_000,
        programme: 'siteLease',
      },
      { clawbackId: 'd-2:a.c1', claimId: 'a.c1', disbursementId: 'd-2', amountFen: 100_000 },
    ]);
    expect(partial.type === 'RecoveryRecorded' && partial.data.settledClaims).toEqual([]);
    const [rest] = decideRecordRecovery(foldCase([opened, ...recorded, ...applied, partial]), {
      recoveryId: 'r-2',
      receivedOn: '2024-04-02',
      amountFen: 150_000,
      bankRef: 'BACK-2',
      recordedBy: 'fay',
    });
    expect(rest.type === 'RecoveryRecorded' && rest.data.settledClaims).toEqual([
      { claimId: 'a.c1', personKey: 'k1', reservationIds: ['a.t1:a.c1'] },
    ]);
  });
});
