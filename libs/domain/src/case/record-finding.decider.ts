import { BusinessDate } from '../shared/business-date';
import { invalidInput, ruleConflict, ruleViolation } from '../shared/ledger-error';
import { addFen } from '../shared/money';
import { CaseEvent, FalseClaimOutcome, FalseClaimRef } from './case.events';
import { decisionDateOrderRule } from '../rules/decision-date-order.rule';
import { requireCase, requireOpen, requireSettled, requireText } from './case.guards';
import { CaseState } from './case.state';

export interface RecordFindingCommand {
  findingId: string;
  foundOn: BusinessDate;
  note: string;
  recordedBy: string;
  /** Checked against their application streams by the process (falseClaimRule). */
  claims: FalseClaimRef[];
}

/** R-FRAUD: a finding names the false claims; what they paid and what is cancelled follows. */
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
  if (cmd.claims.length === 0) throw invalidInput('falseClaimIds', 'name at least one claim');
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
  return [
    {
      type: 'FindingRecorded',
      data: {
        processId: cmd.findingId,
        caseId: state.caseId,
        enterpriseId: state.enterpriseId,
        ...cmd,
      },
    },
  ];
}

/** Last step of a finding: what each application stream did, as read back from it. */
export function decideCompleteFinding(
  state: CaseState,
  findingId: string,
  outcomes: readonly FalseClaimOutcome[],
  settledClaimIds: readonly string[],
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
  return [
    {
      type: 'FindingApplied',
      data: {
        processId: findingId,
        caseId: state.caseId,
        enterpriseId: state.enterpriseId,
        findingId,
        foundOn: finding.foundOn,
        claims: [...outcomes],
        clawbackDueFen,
        cancelledFen,
        settledClaimIds: [...settledClaimIds],
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
