import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LedgerEvent, LedgerEventType, streams } from '@ledger/domain';
import { asLedgerEvent, DocumentProjection } from './read-model';

export const OPEN_PROCESS_COLLECTION = 'open_process';

/** A process started and not yet finished: what a recovery pass must complete. */
export interface OpenProcessView {
  processId: string;
  /** The type of the event that started it. */
  kind: string;
  stream: string;
  position: number;
}

/** Which event ends a process started by which (ADR 0002). */
export const PROCESS_ENDS: Readonly<Record<string, string>> = {
  SeatApplicationSubmitted: 'SeatApplicationChecked',
  EvidenceFiled: 'EvidenceChecked',
  ApplicationReviewed: 'RejectedClaimsReleased',
  TrancheApprovalStarted: 'TrancheApproved',
  // R-SEAT-8: only the payment of a last tranche carries a processId.
  TrancheDisbursed: 'PaidClaimsReleased',
  PublicityOpened: 'PublicityLinked',
  ObjectionResolved: 'ObjectionResolutionApplied',
  CaseOpened: 'CaseSuspensionApplied',
  FindingRecorded: 'FindingApplied',
  RecoveryRecorded: 'RecoveryApplied',
  CaseClosed: 'CaseSuspensionLifted',
  // Issue #7 (ADR 0009)
  EffectiveSeatRecognitionStarted: 'EffectiveSeatsRecognized',
  SiteTrancheApprovalStarted: 'SiteTrancheApproved',
  InternshipTrancheApprovalStarted: 'InternshipTrancheApproved',
  // Issue #12: a bank reference claimed for a payment or a recovery, confirmed once recorded…
  BankReferenceUsed: 'BankReferenceConfirmed',
  // Issue #14: a tranche claimed for a payment batch, ended by its batch's PaymentBatchCreated
  // (on the batch's stream, see batchClaimIds) or released when the batch never was.
  TrancheBatched: 'TrancheBatchReleased',
};

/** …or released when its payment or recovery was refused: the one start with two ends. */
const OTHER_ENDS: readonly string[] = ['BankReferenceReleased'];

const ENDING_TYPES: ReadonlySet<string> = new Set([...Object.values(PROCESS_ENDS), ...OTHER_ENDS]);

/**
 * Some starting events start a process only in some cases: a review only
 * when it rejects a claim (whose months must be released), an objection only
 * when it is upheld against one claim (which must leave its tranche), a case
 * only when it suspends (or, closing, lifts) its party, a recovery only
 * when it fully repays a claim (whose cap is then released) or repays the
 * last of a closed case (whose suspension it then lifts). A bank
 * reference's use is a process only when it carries a process id (issue #12);
 * older ones, without, never are (processIdOf).
 */
function startsProcess(e: LedgerEvent): boolean {
  switch (e.type) {
    case 'ApplicationReviewed':
      return e.data.decisions.some((d) => !d.approve);
    case 'ObjectionResolved':
      return e.data.upheld && e.data.claimId !== undefined;
    case 'CaseOpened':
      return e.data.suspend;
    case 'RecoveryRecorded':
      return e.data.settledClaims.length > 0 || e.data.liftsSuspension === true;
    case 'CaseClosed':
      return e.data.liftsSuspension;
    default:
      return Object.hasOwn(PROCESS_ENDS, e.type);
  }
}

export function openProcessId(stream: string, processId: string): string {
  return `${stream}|${processId}`;
}

function processIdOf(event: RecordedEvent): string | undefined {
  const processId = event.data['processId'];
  return typeof processId === 'string' ? processId : undefined;
}

/**
 * Every type that starts or ends a process (with a `processId`: the data
 * decides), and the batch claims' (`batchClaimIds`). Made from the tables
 * above, so that a process added there is declared too.
 */
const PROCESS_EVENT_TYPES = [
  ...new Set([
    ...Object.keys(PROCESS_ENDS),
    ...ENDING_TYPES,
    'TrancheBatched',
    'TrancheBatchReleased',
    'PaymentBatchCreated',
  ]),
] as readonly LedgerEventType[];

export const openProcessesProjection: DocumentProjection<OpenProcessView> = {
  kind: 'document',
  name: 'open-processes',
  version: 1,
  collection: OPEN_PROCESS_COLLECTION,
  eventTypes: PROCESS_EVENT_TYPES,
  documentIds(event: RecordedEvent): string[] {
    const claims = batchClaimIds(event);
    if (claims) return claims;
    const e = asLedgerEvent(event);
    const processId = processIdOf(event);
    if (!e || processId === undefined) return [];
    if (!startsProcess(e) && !ENDING_TYPES.has(e.type)) return [];
    return [openProcessId(event.stream, processId)];
  },
  evolve: evolveOpenProcess,
};

export function evolveOpenProcess(
  current: OpenProcessView | undefined,
  event: RecordedEvent,
): OpenProcessView | null | undefined {
  if (batchClaimIds(event)) return evolveBatchClaim(current, event);
  const e = asLedgerEvent(event);
  const processId = processIdOf(event);
  if (!e || processId === undefined) return current;
  if (ENDING_TYPES.has(e.type)) return null;
  // The first start is kept: a process is not restarted under the same id.
  if (current || !startsProcess(e)) return current;
  return { processId, kind: e.type, stream: event.stream, position: event.position };
}

/**
 * Issue #14: the claims of payment batches, read by their type before the
 * typed events (a batch event ends processes on other streams). A claim with a
 * process id starts a process on `tranche-batch-{trancheId}`; the batch's
 * `PaymentBatchCreated` ends the claims of its items, a release with the
 * process id (recovery, when the batch was never recorded) ends it too.
 * Claims from before carry no process id and never were processes.
 */
function batchClaimIds(event: RecordedEvent): string[] | undefined {
  switch (event.type) {
    case 'TrancheBatched':
    case 'TrancheBatchReleased': {
      const processId = processIdOf(event);
      return processId === undefined ? [] : [openProcessId(event.stream, processId)];
    }
    case 'PaymentBatchCreated': {
      const batchId = event.data['batchId'];
      const items = event.data['items'];
      if (typeof batchId !== 'string' || !Array.isArray(items)) return [];
      return items.map((item: { trancheId: string }) =>
        openProcessId(streams.trancheBatch(item.trancheId), batchId),
      );
    }
    default:
      return undefined;
  }
}

function evolveBatchClaim(
  current: OpenProcessView | undefined,
  event: RecordedEvent,
): OpenProcessView | null | undefined {
  if (event.type !== 'TrancheBatched') return current ? null : current;
  const processId = processIdOf(event);
  if (current || processId === undefined) return current;
  return { processId, kind: event.type, stream: event.stream, position: event.position };
}
