import { BusinessDate } from '../shared/business-date';
import { ruleViolation } from '../shared/ledger-error';
import { PremisesHolder, premisesRule, SiteKind } from '../rules/site-premises.rule';

/**
 * `premises-{hash of the normalised address}`: one stream per premises, so
 * R-SITE-1 (one premises, one site subsidy) is an append with expected
 * revision `no_stream` on every backend, with no global index, as bank
 * references are for R-PAY.
 */
export type PremisesEvent = {
  type: 'PremisesClaimed';
  data: {
    premisesKey: string;
    address: string;
    siteId: string;
    enterpriseId: string;
    kind: SiteKind;
    claimedOn: BusinessDate;
  };
};

export const PREMISES_EVENT_TYPES: readonly PremisesEvent['type'][] = ['PremisesClaimed'];

export interface PremisesState {
  claimed?: PremisesEvent['data'];
}

export function evolvePremises(state: PremisesState, event: PremisesEvent): PremisesState {
  return event.type === 'PremisesClaimed' ? { claimed: event.data } : state;
}

/**
 * Claim the premises for a site application (R-SITE-1). A claim by the same
 * enterprise for the same kind whose application was never written (a crash
 * between the two appends) is resumed with its first site id instead of
 * refused. Returns the site id the premises backs.
 */
export function decideClaimPremises(
  state: PremisesState,
  cmd: PremisesEvent['data'],
  holderApplicationExists: boolean,
): { events: PremisesEvent[]; siteId: string } {
  const held = state.claimed;
  if (!held) return { events: [{ type: 'PremisesClaimed', data: cmd }], siteId: cmd.siteId };
  const resumable =
    !holderApplicationExists && held.enterpriseId === cmd.enterpriseId && held.kind === cmd.kind;
  if (held.siteId === cmd.siteId || resumable) return { events: [], siteId: held.siteId };
  const holder: PremisesHolder = {
    siteId: held.siteId,
    enterpriseId: held.enterpriseId,
    kind: held.kind,
  };
  const refusal = premisesRule(holder, cmd);
  if (!refusal) return { events: [], siteId: held.siteId };
  throw ruleViolation(refusal.rule, refusal.reason, { kind: held.kind });
}
