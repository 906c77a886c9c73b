import { BusinessDate } from '../shared/business-date';
import { conflict, forbidden, invalidInput, notFound, ruleViolation } from '../shared/ledger-error';
import { EffectivePolicy, effectivePolicyOn } from '../policy/effective-policy';
import { parsePolicyOverrides } from '../policy/policy-schema';
import { PolicyTable } from '../policy/policy-table';
import { PolicyVersion } from '../policy/policy-version';
import {
  SpecialTermsBasis,
  specialTermsConfirmationRule,
  specialTermsEligibilityRule,
  specialTermsOverlapRule,
} from '../rules/special-terms.rule';
import { EnterpriseEvent } from './enterprise.events';
import { EnterpriseState, requireEnterprise } from './enterprise.decider';

/**
 * R-POL and R-SPECIAL: the parameters a decision about this enterprise uses on
 * a business date: the version in force then, overlaid with its confirmed
 * special terms valid that day.
 */
export function policyFor(
  table: PolicyTable,
  state: EnterpriseState,
  date: BusinessDate,
): EffectivePolicy {
  return effectivePolicyOn(table, state.specialTerms, date);
}

export interface ProposeSpecialTermsCommand {
  enterpriseId: string;
  termsId: string;
  documentRef: string;
  basis: SpecialTermsBasis;
  /** Checked here against the policy schema (parsePolicyOverrides). */
  overrides: unknown;
  validFrom: BusinessDate;
  validTo: BusinessDate;
  proposedOn: BusinessDate;
  proposedBy: string;
  note: string;
}

/**
 * R-SPECIAL (Art. 14): a reviewer records the decision document, the basis,
 * the parameters it overrides (known, overridable, of the right type) and for
 * how long. The enterprise must qualify on its seats, and no other live
 * terms may cover any of those days.
 */
export function decideProposeSpecialTerms(
  state: EnterpriseState,
  cmd: ProposeSpecialTermsCommand,
  policy: PolicyVersion,
): EnterpriseEvent[] {
  requireEnterprise(state, cmd.enterpriseId);
  if (state.specialTerms.some((t) => t.termsId === cmd.termsId)) {
    throw conflict(`special terms ${cmd.termsId} already exist`);
  }
  if (!cmd.documentRef.trim()) throw invalidInput('documentRef', 'must not be empty');
  if (cmd.validTo < cmd.validFrom) throw invalidInput('validTo', 'must not be before validFrom');
  const overrides = parsePolicyOverrides(cmd.overrides);
  const eligibility = specialTermsEligibilityRule(cmd.basis, state.seats, policy);
  if (eligibility) throw ruleViolation(eligibility.rule, eligibility.reason);
  const overlap = specialTermsOverlapRule(state.specialTerms, cmd.validFrom, cmd.validTo);
  if (overlap) throw ruleViolation(overlap.rule, overlap.reason);
  return [
    {
      type: 'SpecialTermsProposed',
      data: { ...cmd, overrides, policyVersion: policy.id },
    },
  ];
}

export interface ConfirmSpecialTermsCommand {
  termsId: string;
  confirmedOn: BusinessDate;
  confirmedBy: string;
}

/** R-SPECIAL: finance confirms terms another actor proposed (403 for the proposer). */
export function decideConfirmSpecialTerms(
  state: EnterpriseState,
  cmd: ConfirmSpecialTermsCommand,
): EnterpriseEvent[] {
  const terms = state.specialTerms.find((t) => t.termsId === cmd.termsId);
  if (!state.registered || !terms) throw notFound(`special terms ${cmd.termsId}`);
  if (terms.status === 'confirmed') {
    throw conflict(`special terms ${cmd.termsId} were already confirmed by ${terms.confirmedBy}`);
  }
  const sod = specialTermsConfirmationRule(terms.proposedBy, cmd.confirmedBy);
  if (sod) throw forbidden(sod.reason, sod.rule);
  if (cmd.confirmedOn < terms.proposedOn) {
    throw invalidInput('confirmedOn', `must not be before the proposal (${terms.proposedOn})`);
  }
  return [
    {
      type: 'SpecialTermsConfirmed',
      data: { enterpriseId: state.enterpriseId, ...cmd },
    },
  ];
}
