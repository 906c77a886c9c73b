import { BusinessDate } from '../shared/business-date';
import { invalidInput, ruleConflict, ruleViolation } from '../shared/ledger-error';
import { addFen } from '../shared/money';
import {
  CaseEvent,
  FalseClaimOutcome,
  FalseClaimRef,
  FalseTrancheOutcome,
  FalseTrancheRef,
} from './case.events';
import { decisionDateOrderRule } from '../rules/decision-date-order.rule';
import { requireCase, requireOpen, requireSettled, requireText } from './case.guards';
import { CaseState, partyIdsOf } from './case.state';

export interface RecordFindingCommand {
  findingId: string;
  foundOn: BusinessDate;
  note: string;
  recordedBy: string;
  /** Checked against their application streams by the process (falseClaimRule). */
  claims: FalseClaimRef[];
  /** Site and internship tranches, checked against their streams (falseTrancheRule). */
  tranches?: FalseTrancheRef[];
}

/**
 * R-FRAUD: a finding names the false claims and tranches; what they paid and
 * what is cancelled follows, and the party is suspended at once (amended).
 * Seat claims are an enterprise's, internship tranches a school's.
 */
export function decideRecordFinding(state: CaseState, cmd: RecordFindingCommand): CaseEvent[] {
  requireCase(state, state.caseId);
  requireOpen(state);
  requireSettled(state);
  const date = decisionDateOrderRule(
    'finding',
    cmd.foundOn,
    state.openedOn,
    `case ${state.caseId}`,
  );
  if (date) throw ruleViolation(date.rule, date.reason);
  requireText('note', cmd.note);
  const tranches = cmd.tranches ?? [];
  if (cmd.claims.length === 0 && tranches.length === 0) {
    throw invalidInput('falseClaimIds', 'name at least one claim or tranche');
  }
  if (state.party.kind === 'school' && cmd.claims.length > 0) {
    throw ruleViolation(
      'R-FRAUD',
      `case ${state.caseId} is against a school: name its internship tranches, not seat claims`,
    );
  }
  const seen = new Set<string>();
  cmd.claims.forEach((c, i) => {
    if (seen.has(c.claimId)) throw invalidInput(`falseClaimIds.${i}`, 'named twice');
    seen.add(c.claimId);
    if (state.namedClaimIds.has(c.claimId)) {
      throw ruleConflict(
        'R-FRAUD',
        `claim ${c.claimId} is already named by a finding of this case`,
      );
    }
  });
  tranches.forEach((t, i) => {
    if (seen.has(t.trancheId)) throw invalidInput(`falseTrancheIds.${i}`, 'named twice');
    seen.add(t.trancheId);
    if (state.namedTrancheIds.has(t.trancheId)) {
      throw ruleConflict(
        'R-FRAUD',
        `tranche ${t.trancheId} is already named by a finding of this case`,
      );
    }
  });
  const { tranches: _named, ...rest } = cmd;
  return [
    {
      type: 'FindingRecorded',
      data: {
        processId: cmd.findingId,
        caseId: state.caseId,
        ...partyIdsOf(state),
        ...rest,
        ...(tranches.length === 0 ? {} : { tranches }),
      },
    },
  ];
}

/**
 * Last step of a finding: what each application, site and internship stream
 * did, as read back from it; the party was suspended before (`suspended`).
 */
export function decideCompleteFinding(
  state: CaseState,
  findingId: string,
  outcomes: readonly FalseClaimOutcome[],
  settledClaimIds: readonly string[],
  trancheOutcomes: readonly FalseTrancheOutcome[] = [],
): CaseEvent[] {
  const finding = state.findings.get(findingId);
  if (!finding || !state.openProcesses.has(findingId)) return [];
  let clawbackDueFen = 0;
  let cancelledFen = 0;
  for (const claim of outcomes) {
    if (claim.status !== 'found') continue;
    for (const t of claim.tranches) {
      clawbackDueFen = addFen(clawbackDueFen, t.payment?.amountFen ?? 0);
      cancelledFen = addFen(cancelledFen, t.cancelledFen);
    }
  }
  for (const t of trancheOutcomes) {
    if (t.status !== 'found') continue;
    clawbackDueFen = addFen(clawbackDueFen, t.payment?.amountFen ?? 0);
    cancelledFen = addFen(cancelledFen, t.cancelledFen);
  }
  return [
    {
      type: 'FindingApplied',
      data: {
        processId: findingId,
        caseId: state.caseId,
        ...partyIdsOf(state),
        findingId,
        foundOn: finding.foundOn,
        claims: [...outcomes],
        ...(trancheOutcomes.length === 0 ? {} : { tranches: [...trancheOutcomes] }),
        clawbackDueFen,
        cancelledFen,
        settledClaimIds: [...settledClaimIds],
        suspended: true,
      },
    },
  ];
}

/** Claims of a finding with nothing paid: nothing to recover, so they are settled at once. */
export function claimsSettledAtOnce(outcomes: readonly FalseClaimOutcome[]): string[] {
  return outcomes
    .filter((c) => c.status === 'found' && !c.tranches.some((t) => t.payment))
    .map((c) => c.claimId);
}
