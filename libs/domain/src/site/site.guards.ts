// The checks the site command groups share, so that they refuse alike.
import { notFound, ruleViolation } from '../shared/ledger-error';
import { Refusal } from '../rules/refusal';
import { SiteState, SiteTrancheState } from './site.state';

export const refused = (r: Refusal) => ruleViolation(r.rule, r.reason);

export function requireSite(state: SiteState, siteId: string): void {
  if (!state.exists) throw notFound(`site application ${siteId}`);
}

export function requireSiteTranche(state: SiteState, trancheId: string): SiteTrancheState {
  const t = state.tranches.get(trancheId);
  if (!state.exists || !t) throw notFound(`tranche ${trancheId}`);
  return t;
}
