import { Refusal, refuse } from './refusal';

/** A retained intern whose employer the ledger does not know as an enterprise. */
export interface UnregisteredEmployer {
  /** Index in the application's `interns` (0-based, as a field path names it). */
  intern: number;
  personIdMasked: string;
  enterpriseId: string;
}

/** At most this many interns are named in the refusal's text (all are in its details). */
const NAMED_IN_REASON_MAX = 5;

/**
 * R-INT (Art. 6(2)): the reward is for interns kept on by data-call and
 * data-annotation enterprises, so the employer of every retained intern must
 * be an enterprise registered in the ledger (registration records the
 * industry, `call` or `annotation`). Interns are named by their index and
 * masked ID number only.
 */
export function internEmployerRule(
  interns: readonly { enterpriseId: string; personIdMasked: string; retained: boolean }[],
  registeredEnterprises: ReadonlySet<string>,
): (Refusal & { unregistered: UnregisteredEmployer[] }) | undefined {
  const unregistered: UnregisteredEmployer[] = [];
  interns.forEach((i, intern) => {
    if (i.retained && !registeredEnterprises.has(i.enterpriseId)) {
      unregistered.push({ intern, personIdMasked: i.personIdMasked, enterpriseId: i.enterpriseId });
    }
  });
  if (unregistered.length === 0) return undefined;
  const named = unregistered
    .slice(0, NAMED_IN_REASON_MAX)
    .map((u) => `interns.${u.intern} (${u.personIdMasked}, ${u.enterpriseId})`)
    .join(', ');
  const more =
    unregistered.length > NAMED_IN_REASON_MAX
      ? ` and ${unregistered.length - NAMED_IN_REASON_MAX} more`
      : '';
  return {
    ...refuse(
      'R-INT',
      `a retained intern's employer must be a registered data-call or data-annotation enterprise: ${named}${more} is not`,
    ),
    unregistered,
  };
}
