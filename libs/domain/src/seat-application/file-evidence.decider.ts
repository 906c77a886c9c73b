import { BusinessDate, Month } from '../shared/business-date';
import { invalidInput, ruleViolation } from '../shared/ledger-error';
import { StepOutcome } from '../person/person.decider';
import { evidenceMonthsRule, qualifyingMonths } from '../rules/qualifying-months.rule';
import { EvidenceResult, SeatApplicationEvent } from './seat-application.events';
import {
  refused,
  requireApplication,
  requireClaim,
  requireSettled,
} from './seat-application.guards';
import { SeatApplicationState } from './seat-application.state';

export interface FileEvidenceCommand {
  processId: string;
  filedOn: BusinessDate;
  claims: { claimId: string; wageMonths: Month[]; insuranceMonths: Month[] }[];
}

/** R-SEAT-2: more evidence, for later tranches; the new months go through R-SEAT-6 on the person. */
export function decideFileEvidence(
  state: SeatApplicationState,
  cmd: FileEvidenceCommand,
): SeatApplicationEvent[] {
  requireApplication(state, cmd.processId);
  requireSettled(state);
  if (cmd.filedOn < state.submittedOn) {
    throw ruleViolation(
      'R-SEAT-2',
      `evidence filed on ${cmd.filedOn} predates the application (${state.submittedOn})`,
    );
  }
  const seen = new Set<string>();
  const claims = cmd.claims.map((c, i) => {
    const claim = requireClaim(state, c.claimId);
    if (seen.has(c.claimId)) throw invalidInput(`claims.${i}.claimId`, 'named twice');
    seen.add(c.claimId);
    if (claim.status !== 'submitted' && claim.status !== 'approved') {
      throw ruleViolation(
        'R-SEAT-2',
        `claim ${c.claimId} is ${claim.status}; evidence can be added only to a live claim`,
      );
    }
    const late = evidenceMonthsRule(c.wageMonths, c.insuranceMonths, cmd.filedOn);
    if (late) throw refused(late, { field: `claims.${i}` });
    // Wages filed now may pair with insurance filed earlier, so qualify over all of it.
    const all = qualifyingMonths(
      [...claim.wageMonths, ...c.wageMonths],
      [...claim.insuranceMonths, ...c.insuranceMonths],
      cmd.filedOn,
    );
    const have = new Set(claim.months);
    return { ...c, newMonths: all.filter((m) => !have.has(m)) };
  });
  return [
    {
      type: 'EvidenceFiled',
      data: {
        processId: cmd.processId,
        applicationId: state.applicationId,
        filedOn: cmd.filedOn,
        claims,
      },
    },
  ];
}

export function decideCompleteEvidence(
  state: SeatApplicationState,
  processId: string,
  filedOn: BusinessDate,
  claims: readonly { claimId: string; newMonths: Month[] }[],
  outcomes: ReadonlyMap<string, StepOutcome>,
): SeatApplicationEvent[] {
  if (!state.openProcesses.has(processId)) return [];
  const results: EvidenceResult[] = claims.map((c) => {
    const o = outcomes.get(c.claimId);
    if (o?.status === 'refused') {
      return {
        claimId: c.claimId,
        status: 'refused',
        addedMonths: [],
        rule: o.rule,
        reason: o.reason,
        conflictsWith: o.conflictsWith,
      };
    }
    return { claimId: c.claimId, status: 'accepted', addedMonths: c.newMonths };
  });
  return [
    {
      type: 'EvidenceChecked',
      data: { processId, applicationId: state.applicationId, filedOn, results },
    },
  ];
}
