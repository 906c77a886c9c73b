import { BusinessDate } from '../shared/business-date';
import { SpecialTermsRecord, specialTermsInForce } from '../rules/special-terms.rule';
import { applyPolicyOverrides } from './policy-schema';
import { PolicyTable } from './policy-table';
import { PolicyVersion } from './policy-version';

/**
 * The numbers one decision uses (R-POL, R-SPECIAL): the version in force on
 * the decision's business date, overlaid with the enterprise's confirmed
 * special terms valid on that date. A decision event records both ids.
 */
export interface EffectivePolicy {
  policy: PolicyVersion;
  policyVersion: string;
  specialTermsId?: string;
}

export function effectivePolicyOn(
  table: PolicyTable,
  terms: readonly SpecialTermsRecord[],
  date: BusinessDate,
): EffectivePolicy {
  const version = table.inForceOn(date);
  const special = specialTermsInForce(terms, date);
  if (!special) return { policy: version, policyVersion: version.id };
  return {
    policy: applyPolicyOverrides(version, special.overrides),
    policyVersion: version.id,
    specialTermsId: special.termsId,
  };
}

/** The ids a decision event records: `{policyVersion, specialTermsId?}`. */
export function policyIdsOf(p: EffectivePolicy): {
  policyVersion: string;
  specialTermsId?: string;
} {
  return p.specialTermsId === undefined
    ? { policyVersion: p.policyVersion }
    : { policyVersion: p.policyVersion, specialTermsId: p.specialTermsId };
}

/**
 * The numbers a recorded decision used (R-POL, R-SPECIAL): the version it
 * names, overlaid with the special terms it names; what a notice states as
 * the standard of an amount decided earlier.
 */
export function policyOfDecision(
  table: PolicyTable,
  terms: readonly SpecialTermsRecord[],
  ids: { policyVersion: string; specialTermsId?: string },
): PolicyVersion {
  const version = table.byId(ids.policyVersion);
  const special =
    ids.specialTermsId === undefined
      ? undefined
      : terms.find((t) => t.termsId === ids.specialTermsId);
  return special ? applyPolicyOverrides(version, special.overrides) : version;
}
