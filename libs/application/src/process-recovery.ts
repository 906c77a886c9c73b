import { CommandContext } from './command-context';
import { LedgerDeps } from './ledger-deps';
import { loadStream } from './stream-command';
import { bankReferenceFold } from './stream-decider';
import { finishPaymentUse } from './processes/disbursement.process';
import { finishReturnUse } from './processes/disbursement-return.process';
import { finishRecoveryUse } from './processes/recovery.process';
import { finishRejectedReleases } from './processes/application-review.process';
import { finishClosure } from './processes/case-closure.process';
import { finishCaseOpening } from './processes/case-opening.process';
import { finishFinding } from './processes/finding.process';
import { finishRecovery } from './processes/recovery.process';
import { finishEvidence } from './processes/evidence-filing.process';
import { finishObjectionResolution } from './processes/publicity-objection.process';
import { finishPublicityLinking } from './processes/publicity-opening.process';
import { finishSubmission } from './processes/seat-submission.process';
import { finishTrancheApproval } from './processes/tranche-approval.process';
import { finishPaidInFull, trancheIdOfPaidInFull } from './processes/seats-held.process';
import { finishEffectiveSeatRecognition } from './processes/effective-seat-recognition.process';
import { finishInternshipTrancheApproval } from './processes/internship.process';
import { finishSiteTrancheApproval } from './processes/site-application.process';
import { finishPaymentBatchClaim } from './processes/payment-batch.process';

export interface OpenProcess {
  processId: string;
  /** The type of the event that started it. */
  kind: string;
  stream: string;
}

export interface RecoveryReport {
  finished: string[];
  failed: { processId: string; error: string }[];
}

const idAfter = (stream: string, prefix: string) =>
  stream.startsWith(prefix) ? stream.slice(prefix.length) : '';

/**
 * Finishes processes that a crash or a lost connection left half-done, from
 * the events alone (ADR 0002). Each `finish…` is idempotent, so running this
 * while the original request is still going, or in two processes at once,
 * writes each step once.
 */
export async function resumeProcess(
  deps: LedgerDeps,
  ctx: CommandContext,
  p: OpenProcess,
): Promise<void> {
  const app = idAfter(p.stream, 'seat-application-');
  const pub = idAfter(p.stream, 'publicity-');
  const caseId = idAfter(p.stream, 'case-');
  switch (p.kind) {
    case 'SeatApplicationSubmitted':
      await finishSubmission(deps, ctx, app);
      return;
    case 'EvidenceFiled':
      await finishEvidence(deps, ctx, app, p.processId);
      return;
    case 'ApplicationReviewed':
      await finishRejectedReleases(deps, ctx, app, p.processId);
      return;
    case 'TrancheApprovalStarted':
      await finishTrancheApproval(deps, ctx, app, p.processId);
      return;
    case 'TrancheDisbursed':
      await finishPaidInFull(deps, ctx, app, trancheIdOfPaidInFull(p.processId));
      return;
    case 'PublicityOpened':
      await finishPublicityLinking(deps, ctx, pub);
      return;
    case 'ObjectionResolved':
      await finishObjectionResolution(deps, ctx, pub, p.processId);
      return;
    case 'CaseOpened':
      await finishCaseOpening(deps, ctx, caseId);
      return;
    case 'FindingRecorded':
      await finishFinding(deps, ctx, caseId, p.processId);
      return;
    case 'RecoveryRecorded':
      await finishRecovery(deps, ctx, caseId, p.processId);
      return;
    case 'CaseClosed':
      await finishClosure(deps, ctx, caseId);
      return;
    // Issue #12: a bank reference claimed and not yet settled.
    case 'BankReferenceUsed':
      await finishBankReferenceUse(deps, ctx, p.stream, p.processId);
      return;
    // Issue #7 (ADR 0009)
    case 'EffectiveSeatRecognitionStarted':
      await finishEffectiveSeatRecognition(
        deps,
        ctx,
        idAfter(p.stream, 'effective-seats-'),
        p.processId,
      );
      return;
    case 'SiteTrancheApprovalStarted':
      await finishSiteTrancheApproval(deps, ctx, idAfter(p.stream, 'site-'), p.processId);
      return;
    case 'InternshipTrancheApprovalStarted':
      await finishInternshipTrancheApproval(
        deps,
        ctx,
        idAfter(p.stream, 'internship-application-'),
        p.processId,
      );
      return;
    // Issue #14: a tranche claimed for a payment batch that was never recorded.
    case 'TrancheBatched':
      await finishPaymentBatchClaim(deps, ctx, idAfter(p.stream, 'tranche-batch-'), p.processId);
      return;
    default:
      throw new Error(`no recovery for a process started by ${p.kind}`);
  }
}

/** The claim `processId` on a bank-reference stream, if it is still open: finish what it backs. */
async function finishBankReferenceUse(
  deps: LedgerDeps,
  ctx: CommandContext,
  stream: string,
  processId: string,
): Promise<void> {
  const { state } = await loadStream(deps.store, stream, bankReferenceFold);
  const use = state.used;
  if (!use || !state.open || use.processId !== processId) return;
  if (use.kind === 'recovery') await finishRecoveryUse(deps, ctx, use);
  else if (use.kind === 'return') await finishReturnUse(deps, ctx, use);
  else await finishPaymentUse(deps, ctx, use);
}

export async function resumeProcesses(
  deps: LedgerDeps,
  ctx: CommandContext,
  open: readonly OpenProcess[],
): Promise<RecoveryReport> {
  const report: RecoveryReport = { finished: [], failed: [] };
  for (const p of open) {
    try {
      await resumeProcess(deps, ctx, p);
      report.finished.push(p.processId);
    } catch (err) {
      report.failed.push({
        processId: p.processId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return report;
}
