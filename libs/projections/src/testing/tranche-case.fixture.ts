/**
 * R-FRAUD (amended) events for the read-model tests: school S1's internship
 * tranche ia-1.i1 was paid 25,000 yuan (dis-i); case-s, opened against the
 * school without suspension, finds the tranche false on 2024-03-10 (the
 * school is suspended), closes with it all outstanding, gets 10,000 then
 * 15,000 yuan back, and the last recovery lifts the suspension. Enterprise E2's
 * lease year s-1.y1 was paid 5,000 yuan (dis-s); case-e finds it false and
 * gets 2,000 yuan back.
 */
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { FalseTrancheOutcome } from '@ledger/domain';
import { ledgerEvent, recorded } from './ledger-events.fixture';

export const S1 = '52140200MJ0000001A';
export const E2 = '91140200MA0000002Y';
export const REWARD = 2_500_000;
const LEASE = 500_000;

const at = (position: number, businessDate: string, stream: string) => ({
  position,
  stream,
  businessDate,
  recordedAt: `${businessDate}T04:00:00.000Z`,
});

const rewardClawback = {
  clawbackId: 'dis-i:ia-1.i1',
  disbursementId: 'dis-i',
  paidOn: '2024-01-29',
  bankRef: 'BANK-I',
  amountFen: REWARD,
};
const rewardOutcome: FalseTrancheOutcome = {
  trancheId: 'ia-1.i1',
  programme: 'internship',
  applicationId: 'ia-1',
  status: 'found',
  foundFalseBy: { caseId: 'case-s', findingId: 'f-s' },
  approvedFen: REWARD,
  cancelledFen: 0,
  payment: {
    disbursementId: 'dis-i',
    bankRef: 'BANK-I',
    paidOn: '2024-01-29',
    amountFen: REWARD,
    clawbackId: 'dis-i:ia-1.i1',
  },
};
const recovery = (recoveryId: string, amountFen: number, liftsSuspension: boolean) =>
  ledgerEvent('RecoveryRecorded', {
    processId: recoveryId,
    caseId: 'case-s',
    schoolId: S1,
    recoveryId,
    receivedOn: liftsSuspension ? '2024-04-20' : '2024-04-10',
    amountFen,
    bankRef: `BACK-${recoveryId}`,
    recordedBy: 'fay',
    allocations: [
      {
        clawbackId: 'dis-i:ia-1.i1',
        claimId: 'ia-1.i1',
        disbursementId: 'dis-i',
        amountFen,
        programme: 'internship',
      },
    ],
    settledClaims: [],
    ...(liftsSuspension ? { liftsSuspension } : {}),
  });

export function schoolCaseStory(): RecordedEvent[] {
  const cs = 'case-case-s';
  const app = 'internship-application-ia-1';
  const school = `school-${S1}`;
  return [
    recorded(
      ledgerEvent('InternshipTrancheDisbursed', {
        applicationId: 'ia-1',
        schoolId: S1,
        trancheId: 'ia-1.i1',
        disbursementId: 'dis-i',
        paidOn: '2024-01-29',
        amountFen: REWARD,
        bankRef: 'BANK-I',
        paidBy: 'fay',
      }),
      at(301, '2024-01-29', app),
    ),
    recorded(
      ledgerEvent('CaseOpened', {
        processId: 'case-s',
        caseId: 'case-s',
        schoolId: S1,
        openedOn: '2024-03-01',
        openedBy: 'sue',
        reason: 'retention forged',
        suspend: false,
      }),
      at(302, '2024-03-01', cs),
    ),
    recorded(
      ledgerEvent('FindingRecorded', {
        processId: 'f-s',
        caseId: 'case-s',
        schoolId: S1,
        findingId: 'f-s',
        foundOn: '2024-03-10',
        note: 'forged',
        recordedBy: 'sue',
        claims: [],
        tranches: [{ trancheId: 'ia-1.i1', programme: 'internship', applicationId: 'ia-1' }],
      }),
      at(303, '2024-03-10', cs),
    ),
    recorded(
      ledgerEvent('SchoolSuspended', {
        schoolId: S1,
        caseId: 'case-s',
        suspendedOn: '2024-03-10',
        reason: 'finding',
      }),
      at(304, '2024-03-10', school),
    ),
    recorded(
      ledgerEvent('InternshipTrancheFoundFalse', {
        applicationId: 'ia-1',
        schoolId: S1,
        trancheId: 'ia-1.i1',
        caseId: 'case-s',
        findingId: 'f-s',
        foundOn: '2024-03-10',
        cancelledFen: 0,
        clawback: rewardClawback,
      }),
      at(305, '2024-03-10', app),
    ),
    recorded(
      ledgerEvent('FindingApplied', {
        processId: 'f-s',
        caseId: 'case-s',
        schoolId: S1,
        findingId: 'f-s',
        foundOn: '2024-03-10',
        claims: [],
        tranches: [rewardOutcome],
        clawbackDueFen: REWARD,
        cancelledFen: 0,
        settledClaimIds: [],
        suspended: true,
      }),
      at(306, '2024-03-10', cs),
    ),
    recorded(
      ledgerEvent('CaseClosed', {
        processId: 'case-s:closure',
        caseId: 'case-s',
        schoolId: S1,
        closedOn: '2024-04-01',
        closedBy: 'sue',
        outcome: 'upheld',
        note: 'x',
        liftsSuspension: false,
      }),
      at(307, '2024-04-01', cs),
    ),
    recorded(recovery('r-1', 1_000_000, false), at(308, '2024-04-10', cs)),
    recorded(recovery('r-2', REWARD - 1_000_000, true), at(309, '2024-04-20', cs)),
    recorded(
      ledgerEvent('SchoolSuspensionLifted', {
        schoolId: S1,
        caseId: 'case-s',
        liftedOn: '2024-04-20',
        reason: 'recovered',
      }),
      at(310, '2024-04-20', school),
    ),
    recorded(
      ledgerEvent('RecoveryApplied', {
        processId: 'r-2',
        caseId: 'case-s',
        schoolId: S1,
        recoveryId: 'r-2',
        releasedClaimIds: [],
        suspensionLifted: true,
      }),
      at(311, '2024-04-20', cs),
    ),
  ];
}

/** E2's paid lease year found false (case-e), and 2,000 yuan of it back. */
export function siteCaseStory(): RecordedEvent[] {
  const site = 'site-s-1';
  return [
    recorded(
      ledgerEvent('SiteTrancheDisbursed', {
        siteId: 's-1',
        enterpriseId: E2,
        kind: 'lease',
        trancheId: 's-1.y1',
        disbursementId: 'dis-s',
        paidOn: '2023-05-02',
        amountFen: LEASE,
        bankRef: 'BANK-S',
        paidBy: 'fay',
      }),
      at(401, '2023-05-02', site),
    ),
    recorded(
      ledgerEvent('SiteTrancheFoundFalse', {
        siteId: 's-1',
        enterpriseId: E2,
        kind: 'lease',
        trancheId: 's-1.y1',
        caseId: 'case-e',
        findingId: 'f-e',
        foundOn: '2024-03-10',
        cancelledFen: 0,
        clawback: {
          clawbackId: 'dis-s:s-1.y1',
          disbursementId: 'dis-s',
          paidOn: '2023-05-02',
          bankRef: 'BANK-S',
          amountFen: LEASE,
        },
      }),
      at(402, '2024-03-10', site),
    ),
    recorded(
      ledgerEvent('RecoveryRecorded', {
        processId: 'r-e',
        caseId: 'case-e',
        enterpriseId: E2,
        recoveryId: 'r-e',
        receivedOn: '2024-04-01',
        amountFen: 200_000,
        bankRef: 'BACK-E',
        recordedBy: 'fay',
        allocations: [
          {
            clawbackId: 'dis-s:s-1.y1',
            claimId: 's-1.y1',
            disbursementId: 'dis-s',
            amountFen: 200_000,
            programme: 'siteLease',
          },
        ],
        settledClaims: [],
      }),
      at(403, '2024-04-01', 'case-case-e'),
    ),
  ];
}
