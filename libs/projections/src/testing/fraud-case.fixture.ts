/**
 * R-FRAUD events for the read-model tests: enterprise E1's claim sa-1.c1 was
 * paid in two tranches (dis-1 on 2023-04-10, dis-2 on 2023-10-10) and approved
 * unpaid in a third; case-1 suspends E1, finds the claim false on 2024-03-10,
 * gets 1,000 yuan back, then the other 4,000, and closes upheld.
 */
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { FalseClaimOutcome } from '@ledger/domain';
import { ledgerEvent, recorded } from './ledger-events.fixture';

export const E1 = '91140200MA0000001X';
export const CASE = 'case-1';
export const FOUND_ON = '2024-03-10';
const T = 250_000;

const caseStream = `case-${CASE}`;
const at = (position: number, businessDate: string, stream = caseStream) => ({
  position,
  stream,
  businessDate,
  recordedAt: `${businessDate}T04:00:00.000Z`,
});

export const opened = ledgerEvent('CaseOpened', {
  processId: CASE,
  caseId: CASE,
  enterpriseId: E1,
  openedOn: '2024-03-01',
  openedBy: 'sue',
  reason: 'tip: seat never staffed',
  suspend: true,
});
export const suspensionApplied = ledgerEvent('CaseSuspensionApplied', {
  processId: CASE,
  caseId: CASE,
  enterpriseId: E1,
  suspendedOn: '2024-03-01',
});
export const enterpriseSuspended = ledgerEvent('EnterpriseSuspended', {
  enterpriseId: E1,
  caseId: CASE,
  suspendedOn: '2024-03-01',
  reason: 'tip: seat never staffed',
});
export const findingRecorded = ledgerEvent('FindingRecorded', {
  processId: 'f-1',
  caseId: CASE,
  enterpriseId: E1,
  findingId: 'f-1',
  foundOn: FOUND_ON,
  note: 'wage statements forged',
  recordedBy: 'sue',
  claims: [
    {
      claimId: 'sa-1.c1',
      applicationId: 'sa-1',
      personKey: 'pk-1',
      personIdMasked: '140202********0011',
    },
  ],
});
export const clawbackAssessed = (k: 1 | 2) =>
  ledgerEvent('ClawbackAssessed', {
    applicationId: 'sa-1',
    enterpriseId: E1,
    caseId: CASE,
    findingId: 'f-1',
    clawbackId: `dis-${k}:sa-1.c1`,
    claimId: 'sa-1.c1',
    personKey: 'pk-1',
    trancheId: `sa-1.t${k}`,
    reservationId: `sa-1.t${k}:sa-1.c1`,
    disbursementId: `dis-${k}`,
    paidOn: k === 1 ? '2023-04-10' : '2023-10-10',
    bankRef: `BOC-${k}`,
    amountFen: T,
    assessedOn: FOUND_ON,
  });
export const outcome: FalseClaimOutcome = {
  claimId: 'sa-1.c1',
  applicationId: 'sa-1',
  personKey: 'pk-1',
  personIdMasked: '140202********0011',
  status: 'found',
  foundFalseBy: { caseId: CASE, findingId: 'f-1' },
  tranches: [
    ...([1, 2] as const).map((k) => ({
      trancheId: `sa-1.t${k}`,
      reservationId: `sa-1.t${k}:sa-1.c1`,
      approvedFen: T,
      cancelledFen: 0,
      payment: {
        disbursementId: `dis-${k}`,
        bankRef: `BOC-${k}`,
        paidOn: k === 1 ? '2023-04-10' : '2023-10-10',
        amountFen: T,
        clawbackId: `dis-${k}:sa-1.c1`,
      },
    })),
    { trancheId: 'sa-1.t3', reservationId: 'sa-1.t3:sa-1.c1', approvedFen: T, cancelledFen: T },
  ],
};
export const findingApplied = ledgerEvent('FindingApplied', {
  processId: 'f-1',
  caseId: CASE,
  enterpriseId: E1,
  findingId: 'f-1',
  foundOn: FOUND_ON,
  claims: [outcome],
  clawbackDueFen: 2 * T,
  cancelledFen: T,
  settledClaimIds: [],
});
export const partialRecovery = ledgerEvent('RecoveryRecorded', {
  processId: 'r-1',
  caseId: CASE,
  enterpriseId: E1,
  recoveryId: 'r-1',
  receivedOn: '2024-04-15',
  amountFen: 100_000,
  bankRef: 'BACK-1',
  recordedBy: 'fay',
  allocations: [
    {
      clawbackId: 'dis-1:sa-1.c1',
      claimId: 'sa-1.c1',
      disbursementId: 'dis-1',
      amountFen: 100_000,
    },
  ],
  settledClaims: [],
});
export const fullRecovery = ledgerEvent('RecoveryRecorded', {
  processId: 'r-2',
  caseId: CASE,
  enterpriseId: E1,
  recoveryId: 'r-2',
  receivedOn: '2024-06-01',
  amountFen: 400_000,
  bankRef: 'BACK-2',
  recordedBy: 'fay',
  allocations: [
    {
      clawbackId: 'dis-1:sa-1.c1',
      claimId: 'sa-1.c1',
      disbursementId: 'dis-1',
      amountFen: 150_000,
    },
    { clawbackId: 'dis-2:sa-1.c1', claimId: 'sa-1.c1', disbursementId: 'dis-2', amountFen: T },
  ],
  settledClaims: [
    {
      claimId: 'sa-1.c1',
      personKey: 'pk-1',
      reservationIds: ['sa-1.t1:sa-1.c1', 'sa-1.t2:sa-1.c1'],
    },
  ],
});
export const recoveryApplied = ledgerEvent('RecoveryApplied', {
  processId: 'r-2',
  caseId: CASE,
  enterpriseId: E1,
  recoveryId: 'r-2',
  releasedClaimIds: ['sa-1.c1'],
});
export const closed = ledgerEvent('CaseClosed', {
  processId: `${CASE}:closure`,
  caseId: CASE,
  enterpriseId: E1,
  closedOn: '2024-06-10',
  closedBy: 'sue',
  outcome: 'upheld',
  note: 'proven',
  liftsSuspension: true,
});
export const suspensionLifted = ledgerEvent('CaseSuspensionLifted', {
  processId: `${CASE}:closure`,
  caseId: CASE,
  enterpriseId: E1,
  liftedOn: '2024-06-10',
});
export const enterpriseLifted = ledgerEvent('EnterpriseSuspensionLifted', {
  enterpriseId: E1,
  caseId: CASE,
  liftedOn: '2024-06-10',
  reason: 'case closed: upheld',
});

/** R-SEAT-7: E1 reports how it spent its subsidy (not part of the case). */
export const fundUseReported = ledgerEvent('FundUseReported', {
  enterpriseId: E1,
  reportId: 'fu-1',
  reportedOn: '2024-02-01',
  educationFen: 60_000,
  otherFen: 140_000,
  reportedBy: 'a-clerk',
});

/** The whole case, recorded in order. */
export function fraudCaseStory(): RecordedEvent[] {
  const app = 'seat-application-sa-1';
  const ent = `enterprise-${E1}`;
  return [
    recorded(opened, at(101, '2024-03-01')),
    recorded(enterpriseSuspended, at(102, '2024-03-01', ent)),
    recorded(suspensionApplied, at(103, '2024-03-01')),
    recorded(findingRecorded, at(104, FOUND_ON)),
    recorded(clawbackAssessed(1), at(105, FOUND_ON, app)),
    recorded(clawbackAssessed(2), at(106, FOUND_ON, app)),
    recorded(findingApplied, at(107, FOUND_ON)),
    recorded(partialRecovery, at(108, '2024-04-15')),
    recorded(fullRecovery, at(109, '2024-06-01')),
    recorded(recoveryApplied, at(110, '2024-06-01')),
    recorded(closed, at(111, '2024-06-10')),
    recorded(enterpriseLifted, at(112, '2024-06-10', ent)),
    recorded(suspensionLifted, at(113, '2024-06-10')),
  ];
}
