import { Refusal, refuse } from './refusal';

/** What R-FRAUD needs to know of a claim a finding names. */
export interface ClaimForFinding {
  claimId: string;
  enterpriseId: string;
  status: string;
  foundFalse?: { caseId: string; findingId: string };
}

/** A refusal of a claim named in a finding, with the kind of answer it gets. */
export type FalseClaimRefusal = Refusal & { kind: 'rule' | 'conflict' };

/**
 * R-FRAUD: a finding names claims of the case's own enterprise, that were
 * approved (money was or could be approved for them), and that no finding has
 * named false yet. **Interpretation:** a claim still under review is rejected
 * at review rather than found false; a claim already found false is a conflict
 * (409), never a second clawback of the same money.
 */
export function falseClaimRule(
  claim: ClaimForFinding,
  caseEnterpriseId: string,
): FalseClaimRefusal | undefined {
  if (claim.foundFalse) {
    return {
      kind: 'conflict',
      ...refuse(
        'R-FRAUD',
        `claim ${claim.claimId} was already found false (case ${claim.foundFalse.caseId})`,
      ),
    };
  }
  if (claim.enterpriseId !== caseEnterpriseId) {
    return {
      kind: 'rule',
      ...refuse(
        'R-FRAUD',
        `claim ${claim.claimId} belongs to enterprise ${claim.enterpriseId}, not to the case's enterprise ${caseEnterpriseId}`,
      ),
    };
  }
  if (claim.status !== 'approved') {
    return {
      kind: 'rule',
      ...refuse(
        'R-FRAUD',
        `claim ${claim.claimId} is ${claim.status}; only an approved claim can be found false (reject it at review instead)`,
      ),
    };
  }
  return undefined;
}
