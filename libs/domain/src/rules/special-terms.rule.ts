import { BusinessDate } from '../shared/business-date';
import { PolicyOverrides, PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/** Art. 14: why an enterprise may get terms decided case by case. */
export type SpecialTermsBasis = 'top-enterprise' | 'outsourcing';
export const SPECIAL_TERMS_BASES: readonly SpecialTermsBasis[] = ['top-enterprise', 'outsourcing'];

/** One enterprise's special terms, as its stream knows them. */
export interface SpecialTermsRecord {
  termsId: string;
  documentRef: string;
  basis: SpecialTermsBasis;
  overrides: PolicyOverrides;
  validFrom: BusinessDate;
  validTo: BusinessDate;
  proposedOn: BusinessDate;
  proposedBy: string;
  status: 'proposed' | 'confirmed';
  confirmedOn?: BusinessDate;
  confirmedBy?: string;
}

/**
 * R-SPECIAL (Art. 14): "one matter, one decision" is for Fortune / China Top
 * 500 or industry Top 20 enterprises with a self-built site of 500+ seats, and
 * for outsourcing enterprises with 1,000+ seats. The ledger cannot know a
 * ranking (the decision document does); it checks the seats the enterprise is
 * registered with against the threshold of the basis given.
 */
export function specialTermsEligibilityRule(
  basis: SpecialTermsBasis,
  seats: number,
  policy: PolicyVersion,
): Refusal | undefined {
  const minSeats =
    basis === 'top-enterprise'
      ? policy.special.topEnterpriseMinSeats
      : policy.special.outsourcingMinSeats;
  if (seats >= minSeats) return undefined;
  return refuse(
    'R-SPECIAL',
    `special terms on the basis ${basis} need a site of at least ${minSeats} seats; the enterprise has ${seats}`,
  );
}

/**
 * R-SPECIAL: special terms are proposed by one actor (a reviewer) and
 * confirmed by another (finance): nobody grants an enterprise better terms
 * alone (Art. 12).
 */
export function specialTermsConfirmationRule(
  proposedBy: string,
  confirmedBy: string,
): Refusal | undefined {
  if (proposedBy !== confirmedBy) return undefined;
  return refuse(
    'R-SPECIAL',
    `${confirmedBy} proposed these special terms and may not also confirm them`,
  );
}

/**
 * R-SPECIAL: at most one set of special terms is in force for an enterprise
 * on any day, so each decision names exactly one. A proposal whose validity
 * overlaps live terms (proposed or confirmed) is refused.
 */
export function specialTermsOverlapRule(
  existing: readonly SpecialTermsRecord[],
  validFrom: BusinessDate,
  validTo: BusinessDate,
): Refusal | undefined {
  const other = existing.find((t) => t.validFrom <= validTo && validFrom <= t.validTo);
  if (!other) return undefined;
  return refuse(
    'R-SPECIAL',
    `special terms ${other.termsId} already cover ${other.validFrom} to ${other.validTo}`,
  );
}

/** R-SPECIAL: the confirmed terms valid on a business date (both ends inclusive), if any. */
export function specialTermsInForce(
  terms: readonly SpecialTermsRecord[],
  date: BusinessDate,
): SpecialTermsRecord | undefined {
  return terms.find((t) => t.status === 'confirmed' && t.validFrom <= date && date <= t.validTo);
}
