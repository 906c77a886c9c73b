import { Refusal, refuse } from './refusal';

export type SiteKind = 'lease' | 'renovation' | 'purchase';
export const SITE_KINDS: readonly SiteKind[] = ['lease', 'renovation', 'purchase'];

/** The site application a premises already backs, as its own stream records it. */
export interface PremisesHolder {
  siteId: string;
  enterpriseId: string;
  kind: SiteKind;
}

/**
 * R-SITE-1 (Art. 15, "不得重复享受"): one premises backs one kind of site
 * subsidy. **Interpretation (ADR 0009):** and one application of that kind:
 * a second lease (or purchase) subsidy for the same premises would pay the
 * same office twice, so any second site application for a premises is
 * refused, naming the first. The premises is the normalised address.
 */
export function premisesRule(
  holder: PremisesHolder | undefined,
  wanted: { siteId: string; enterpriseId: string; kind: SiteKind },
): Refusal | undefined {
  if (!holder || holder.siteId === wanted.siteId) return undefined;
  // Another enterprise's application id is not the applicant's to see.
  const which =
    holder.enterpriseId === wanted.enterpriseId
      ? ` (site application ${holder.siteId})`
      : ' (of another enterprise)';
  if (holder.kind !== wanted.kind) {
    return refuse(
      'R-SITE-1',
      `the premises already backs a ${holder.kind} subsidy${which}; one premises backs one kind of site subsidy`,
    );
  }
  return refuse(
    'R-SITE-1',
    `the premises already backs a ${holder.kind} subsidy${which}; it is not paid twice`,
  );
}

/**
 * The premises key's source: the address with every kind of space removed,
 * full-width characters folded to their ASCII forms (NFKC) and Latin letters
 * lowercased, so "大同市 平城区 ＸＸ路１号" and "大同市平城区xx路1号" are one
 * premises. The application layer hashes it into the stream name.
 */
export function normalisePremisesAddress(address: string): string {
  return address.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}
