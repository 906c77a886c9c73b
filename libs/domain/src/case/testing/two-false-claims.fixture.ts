/**
 * A case against enterprise ENT with one finding naming two false claims:
 * c1 paid in tranches 1 and 2, c2 paid in tranche 1 and approved unpaid in
 * tranche 3, so 7,500 yuan is due back and 2,500 yuan cancelled. Shared by the
 * case decider spec and the recovery fuzz tier.
 */
import { makeCreditCode } from '../../identity/test-ids';
import { OpenCaseCommand, RecordFindingCommand } from '../case.decider';
import { CaseEvent, FalseClaimOutcome, FalseClaimRef } from '../case.events';

export const ENT = makeCreditCode(21);
export const CASE = 'case-1';
export const open: OpenCaseCommand = {
  caseId: CASE,
  enterpriseId: ENT,
  openedOn: '2024-03-01',
  openedBy: 'sue',
  reason: 'tip: two seats never staffed',
  suspend: true,
};
export const opened = (suspend = true): CaseEvent => ({
  type: 'CaseOpened',
  data: {
    processId: CASE,
    caseId: CASE,
    enterpriseId: ENT,
    openedOn: open.openedOn,
    openedBy: open.openedBy,
    reason: open.reason,
    suspend,
  },
});
export const suspensionApplied: CaseEvent = {
  type: 'CaseSuspensionApplied',
  data: { processId: CASE, caseId: CASE, enterpriseId: ENT, suspendedOn: '2024-03-01' },
};

export const ref = (n: number): FalseClaimRef => ({
  claimId: `app-1.c${n}`,
  applicationId: 'app-1',
  personKey: `pk-${n}`,
  personIdMasked: `140202********00${n}X`,
});
export const finding: RecordFindingCommand = {
  findingId: 'f-1',
  foundOn: '2024-03-10',
  note: 'wage statements forged',
  recordedBy: 'sue',
  claims: [ref(1), ref(2)],
};
export const findingRecorded: CaseEvent = {
  type: 'FindingRecorded',
  data: { processId: 'f-1', caseId: CASE, enterpriseId: ENT, ...finding },
};
export const payment = (k: number, claim: number, paidOn: string) => ({
  disbursementId: `d-${k}`,
  bankRef: `ICBC-${k}`,
  paidOn,
  amountFen: 250_000,
  clawbackId: `d-${k}:app-1.c${claim}`,
});
/** c1 paid in tranches 1 and 2; c2 paid in tranche 1, approved unpaid in tranche 3. */
export const outcomes: FalseClaimOutcome[] = [
  {
    ...ref(1),
    status: 'found',
    foundFalseBy: { caseId: CASE, findingId: 'f-1' },
    tranches: [
      {
        trancheId: 'app-1.t1',
        reservationId: 'app-1.t1:app-1.c1',
        approvedFen: 250_000,
        cancelledFen: 0,
        payment: payment(1, 1, '2023-04-10'),
      },
      {
        trancheId: 'app-1.t2',
        reservationId: 'app-1.t2:app-1.c1',
        approvedFen: 250_000,
        cancelledFen: 0,
        payment: payment(2, 1, '2023-10-10'),
      },
    ],
  },
  {
    ...ref(2),
    status: 'found',
    foundFalseBy: { caseId: CASE, findingId: 'f-1' },
    tranches: [
      {
        trancheId: 'app-1.t1',
        reservationId: 'app-1.t1:app-1.c2',
        approvedFen: 250_000,
        cancelledFen: 0,
        payment: payment(1, 2, '2023-04-10'),
      },
      {
        trancheId: 'app-1.t3',
        reservationId: 'app-1.t3:app-1.c2',
        approvedFen: 250_000,
        cancelledFen: 250_000,
      },
    ],
  },
];
export const findingApplied: CaseEvent = {
  type: 'FindingApplied',
  data: {
    processId: 'f-1',
    caseId: CASE,
    enterpriseId: ENT,
    findingId: 'f-1',
    foundOn: '2024-03-10',
    claims: outcomes,
    clawbackDueFen: 750_000,
    cancelledFen: 250_000,
    settledClaimIds: [],
    suspended: true,
  },
};
export const withFinding = [opened(), suspensionApplied, findingRecorded, findingApplied];
