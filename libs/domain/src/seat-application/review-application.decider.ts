import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput, ruleViolation } from '../shared/ledger-error';
import { SeatApplicationEvent } from './seat-application.events';
import { decisionDateOrderRule } from '../rules/decision-date-order.rule';
import {
  refused,
  requireApplication,
  requireClaim,
  requireSettled,
} from './seat-application.guards';
import { SeatApplicationState } from './seat-application.state';

export interface ReviewApplicationCommand {
  processId: string;
  reviewedBy: string;
  decidedOn: BusinessDate;
  decisions: { claimId: string; approve: boolean; reason?: string }[];
}

/** ReviewApplication: approve or reject submitted claims; a rejection needs a reason. */
export function decideReviewApplication(
  state: SeatApplicationState,
  cmd: ReviewApplicationCommand,
): SeatApplicationEvent[] {
  requireApplication(state, state.applicationId);
  requireSettled(state);
  if (cmd.decisions.length === 0)
    throw invalidInput('decisions', 'at least one decision is needed');
  const date = decisionDateOrderRule(
    'review',
    cmd.decidedOn,
    state.submittedOn,
    `application ${state.applicationId}`,
  );
  if (date) throw refused(date);
  const seen = new Set<string>();
  cmd.decisions.forEach((d, i) => {
    const claim = requireClaim(state, d.claimId);
    if (seen.has(d.claimId)) throw invalidInput(`decisions.${i}.claimId`, 'named twice');
    seen.add(d.claimId);
    if (!d.approve && !d.reason?.trim())
      throw invalidInput(`decisions.${i}.reason`, 'a rejection needs a reason');
    if (claim.status === 'refused') {
      throw ruleViolation(
        claim.rule ?? 'R-SEAT-6',
        `claim ${d.claimId} was refused at submission: ${claim.reason}`,
      );
    }
    if (claim.status !== 'submitted')
      throw conflict(`claim ${d.claimId} is already ${claim.status}`);
  });
  return [
    {
      type: 'ApplicationReviewed',
      data: {
        processId: cmd.processId,
        applicationId: state.applicationId,
        reviewedBy: cmd.reviewedBy,
        decidedOn: cmd.decidedOn,
        decisions: cmd.decisions,
      },
    },
  ];
}

export function rejectedClaimsOf(
  state: SeatApplicationState,
  processId: string,
  reviewEvent: SeatApplicationEvent,
): string[] {
  if (reviewEvent.type !== 'ApplicationReviewed' || reviewEvent.data.processId !== processId)
    return [];
  return reviewEvent.data.decisions.filter((d) => !d.approve).map((d) => d.claimId);
}

export function decideCompleteRejectedReleases(
  state: SeatApplicationState,
  processId: string,
  claimIds: string[],
): SeatApplicationEvent[] {
  if (!state.openProcesses.has(processId)) return [];
  return [
    {
      type: 'RejectedClaimsReleased',
      data: { processId, applicationId: state.applicationId, claimIds },
    },
  ];
}
