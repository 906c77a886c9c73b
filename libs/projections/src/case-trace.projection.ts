import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { CaseOutcome, LedgerEventType } from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';

export const CASE_TRACE_COLLECTION = 'case_trace';

export interface CaseTracePayment {
  disbursementId: string;
  bankRef: string;
  paidOn: string;
  /** The false claim's share of the payment: due back. */
  amountFen: number;
  clawbackId: string;
  recoveredFen: number;
  outstandingFen: number;
}

export interface CaseTraceTranche {
  trancheId: string;
  approvedFen: number;
  /** Approved, not paid: cancelled by the finding. */
  cancelledFen: number;
  payments: CaseTracePayment[];
}

/**
 * One false claim named by a finding, down to its payments and what came back
 * of them; or one site or internship tranche named false as a whole
 * (`falseTrancheId`, with its `programme`; no claim, no person).
 */
export interface CaseTraceFinding {
  findingId: string;
  foundOn: string;
  note: string;
  /** `pending` while the finding's process runs; `alreadyFalse` when another case had named it. */
  status: 'pending' | 'found' | 'alreadyFalse';
  claimId?: string;
  falseTrancheId?: string;
  programme?: string;
  /** The seat application, the site or the internship application. */
  applicationId: string;
  personIdMasked?: string;
  /** Fully recovered (or nothing was paid): its cap and months were released. */
  capReleased: boolean;
  tranches: CaseTraceTranche[];
}

export interface CaseTraceRecovery {
  recoveryId: string;
  receivedOn: string;
  amountFen: number;
  bankRef: string;
  allocations: {
    clawbackId: string;
    claimId: string;
    disbursementId: string;
    amountFen: number;
    programme?: string;
  }[];
  /** Claims this recovery fully repaid. */
  settledClaimIds: string[];
}

/**
 * `GET /v1/cases/:id/trace`: finding → claims (or whole site and internship
 * tranches) → tranches → payments → recoveries (R-FRAUD).
 */
export interface CaseTraceView {
  caseId: string;
  /** The party: an enterprise, or a school (R-FRAUD amended). */
  enterpriseId?: string;
  schoolId?: string;
  status: 'open' | 'closed';
  outcome: CaseOutcome | null;
  openedOn: string;
  openedBy: string;
  reason: string;
  closedOn: string | null;
  suspension: { requested: boolean; applied: boolean; lifted: boolean };
  findings: CaseTraceFinding[];
  clawbackDueFen: number;
  cancelledFen: number;
  recoveredFen: number;
  outstandingFen: number;
  recoveries: CaseTraceRecovery[];
  lastPosition: number;
}

/** The case events the trace reads: each names its case. */
const CASE_TRACE_TYPES: readonly LedgerEventType[] = [
  'CaseOpened',
  'CaseSuspensionApplied',
  'FindingRecorded',
  'FindingApplied',
  'RecoveryRecorded',
  'RecoveryApplied',
  'CaseClosed',
  'CaseSuspensionLifted',
];

const CASE_TYPES: ReadonlySet<string> = new Set(CASE_TRACE_TYPES);

export const caseTraceProjection: DocumentProjection<CaseTraceView> = {
  kind: 'document',
  name: 'case-trace',
  version: 1,
  collection: CASE_TRACE_COLLECTION,
  eventTypes: CASE_TRACE_TYPES,
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (!e || !CASE_TYPES.has(e.type)) return [];
    return [(e.data as { caseId: string }).caseId];
  },
  evolve: evolveCaseTrace,
};

export function evolveCaseTrace(
  current: CaseTraceView | undefined,
  event: RecordedEvent,
): CaseTraceView | undefined {
  const e = asLedgerEvent(event);
  if (!e || !CASE_TYPES.has(e.type)) return current;
  if (e.type === 'CaseOpened') {
    if (current) return current;
    const d = e.data;
    return {
      caseId: d.caseId,
      ...(d.schoolId !== undefined ? { schoolId: d.schoolId } : { enterpriseId: d.enterpriseId }),
      status: 'open',
      outcome: null,
      openedOn: d.openedOn,
      openedBy: d.openedBy,
      reason: d.reason,
      closedOn: null,
      suspension: { requested: d.suspend, applied: false, lifted: false },
      findings: [],
      clawbackDueFen: 0,
      cancelledFen: 0,
      recoveredFen: 0,
      outstandingFen: 0,
      recoveries: [],
      lastPosition: event.position,
    };
  }
  if (!current || event.position <= current.lastPosition) return current;
  const doc = cloneDocument(current);
  doc.lastPosition = event.position;
  switch (e.type) {
    case 'CaseSuspensionApplied':
      doc.suspension.applied = true;
      return doc;
    case 'FindingRecorded':
      for (const c of e.data.claims) {
        doc.findings.push({
          findingId: e.data.findingId,
          foundOn: e.data.foundOn,
          note: e.data.note,
          status: 'pending',
          claimId: c.claimId,
          applicationId: c.applicationId,
          personIdMasked: c.personIdMasked,
          capReleased: false,
          tranches: [],
        });
      }
      for (const t of e.data.tranches ?? []) {
        doc.findings.push({
          findingId: e.data.findingId,
          foundOn: e.data.foundOn,
          note: e.data.note,
          status: 'pending',
          falseTrancheId: t.trancheId,
          programme: t.programme,
          applicationId: t.applicationId,
          capReleased: false,
          tranches: [],
        });
      }
      return doc;
    case 'FindingApplied': {
      if (e.data.suspended) doc.suspension.applied = true;
      for (const outcome of e.data.tranches ?? []) {
        const f = doc.findings.find(
          (x) => x.findingId === e.data.findingId && x.falseTrancheId === outcome.trancheId,
        );
        if (!f) continue;
        f.status = outcome.status;
        f.tranches =
          outcome.status === 'found'
            ? [
                {
                  trancheId: outcome.trancheId,
                  approvedFen: outcome.approvedFen,
                  cancelledFen: outcome.cancelledFen,
                  payments: outcome.payment
                    ? [
                        {
                          ...outcome.payment,
                          recoveredFen: 0,
                          outstandingFen: outcome.payment.amountFen,
                        },
                      ]
                    : [],
                },
              ]
            : [];
      }
      const settled = new Set(e.data.settledClaimIds);
      for (const outcome of e.data.claims) {
        const f = doc.findings.find(
          (x) => x.findingId === e.data.findingId && x.claimId === outcome.claimId,
        );
        if (!f) continue;
        f.status = outcome.status;
        f.capReleased = settled.has(outcome.claimId);
        f.tranches = outcome.tranches.map((t) => ({
          trancheId: t.trancheId,
          approvedFen: t.approvedFen,
          cancelledFen: t.cancelledFen,
          payments: t.payment
            ? [
                {
                  disbursementId: t.payment.disbursementId,
                  bankRef: t.payment.bankRef,
                  paidOn: t.payment.paidOn,
                  amountFen: t.payment.amountFen,
                  clawbackId: t.payment.clawbackId,
                  recoveredFen: 0,
                  outstandingFen: t.payment.amountFen,
                },
              ]
            : [],
        }));
      }
      doc.clawbackDueFen += e.data.clawbackDueFen;
      doc.cancelledFen += e.data.cancelledFen;
      doc.outstandingFen = doc.clawbackDueFen - doc.recoveredFen;
      return doc;
    }
    case 'RecoveryRecorded': {
      const d = e.data;
      doc.recoveries.push({
        recoveryId: d.recoveryId,
        receivedOn: d.receivedOn,
        amountFen: d.amountFen,
        bankRef: d.bankRef,
        allocations: d.allocations.map((a) => ({ ...a })),
        settledClaimIds: d.settledClaims.map((s) => s.claimId),
      });
      for (const a of d.allocations) {
        for (const f of doc.findings) {
          for (const t of f.tranches) {
            for (const p of t.payments) {
              if (p.clawbackId !== a.clawbackId) continue;
              p.recoveredFen += a.amountFen;
              p.outstandingFen = p.amountFen - p.recoveredFen;
            }
          }
        }
      }
      for (const s of d.settledClaims) {
        for (const f of doc.findings)
          if (f.claimId === s.claimId && f.status === 'found') f.capReleased = true;
      }
      doc.recoveredFen += d.amountFen;
      doc.outstandingFen = doc.clawbackDueFen - doc.recoveredFen;
      return doc;
    }
    case 'RecoveryApplied':
      if (e.data.suspensionLifted) doc.suspension.lifted = true;
      return doc;
    case 'CaseClosed':
      doc.status = 'closed';
      doc.outcome = e.data.outcome;
      doc.closedOn = e.data.closedOn;
      return doc;
    case 'CaseSuspensionLifted':
      doc.suspension.lifted = true;
      return doc;
    default:
      return current;
  }
}
