import { Refusal, refuse } from './refusal';
import { FalseClaimRefusal } from './false-claim.rule';

/** What R-FRAUD needs to know of a site or internship tranche a finding names. */
export interface TrancheForFinding {
  trancheId: string;
  /** Who the tranche pays: the site's enterprise, or the internship application's school. */
  payee: { kind: 'enterprise' | 'school'; id: string };
  /** `approving`: its approval process is still running. */
  status: 'approving' | 'approved';
  foundFalse?: { caseId: string };
}

/**
 * R-FRAUD (amended): a finding may name a whole site or internship tranche
 * (`falseTrancheIds`) of the case's own party that was approved and that no
 * finding has named false yet. As for claims, a tranche already found false
 * is a conflict (409), never a second clawback of the same money; one whose
 * approval is still running waits for it (409, retry).
 */
export function falseTrancheRule(
  t: TrancheForFinding,
  caseParty: { kind: 'enterprise' | 'school'; id: string },
): FalseClaimRefusal | undefined {
  if (t.foundFalse) {
    return {
      kind: 'conflict',
      ...refuse(
        'R-FRAUD',
        `tranche ${t.trancheId} was already found false (case ${t.foundFalse.caseId})`,
      ),
    };
  }
  if (t.payee.kind !== caseParty.kind || t.payee.id !== caseParty.id) {
    return {
      kind: 'rule',
      ...refuse(
        'R-FRAUD',
        `tranche ${t.trancheId} pays ${t.payee.kind} ${t.payee.id}, not the case's ${caseParty.kind} ${caseParty.id}`,
      ),
    };
  }
  if (t.status !== 'approved') {
    return {
      kind: 'conflict',
      ...refuse('R-FRAUD', `tranche ${t.trancheId} is still being approved; retry shortly`),
    };
  }
  return undefined;
}

/** A seat tranche is found false claim by claim: the finding names its claims instead. */
export function seatTrancheNamedRefusal(trancheId: string): Refusal {
  return refuse(
    'R-FRAUD',
    `tranche ${trancheId} is a seat tranche: name its false claims (falseClaimIds), not the tranche`,
  );
}
