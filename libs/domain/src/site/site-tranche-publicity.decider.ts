import { BusinessDate } from '../shared/business-date';
import { checkTranchePublishable } from '../tranche/payable-tranche';
import { SiteEvent } from './site.events';
import { requireSiteTranche } from './site.guards';
import { SiteState, SiteTrancheState } from './site.state';

/** A site tranche that can be put on a notice (R-PUB). */
export function checkSitePublishable(
  state: SiteState,
  trancheId: string,
  startsOn: BusinessDate,
): SiteTrancheState {
  const t = requireSiteTranche(state, trancheId);
  checkTranchePublishable(t, startsOn);
  return t;
}

/** Step of a publicity: links the tranche to its notice; idempotent. */
export function decidePublicizeSiteTranche(
  state: SiteState,
  cmd: { trancheId: string; publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate },
): SiteEvent[] {
  const t = state.tranches.get(cmd.trancheId);
  if (!t || t.publicity) return [];
  return [{ type: 'SiteTranchePublicized', data: { siteId: state.siteId, ...cmd } }];
}

/** Step of an upheld objection against a site tranche: it pays nothing from here; idempotent. */
export function decideWithdrawSiteTranche(
  state: SiteState,
  cmd: { trancheId: string; withdrawnOn: BusinessDate; objectionId: string; publicityId: string },
): SiteEvent[] {
  const t = state.tranches.get(cmd.trancheId);
  if (!t || t.status !== 'approved' || t.disbursement || t.withdrawn) return [];
  return [
    {
      type: 'SiteTrancheWithdrawn',
      data: {
        siteId: state.siteId,
        enterpriseId: state.enterpriseId,
        kind: state.kind,
        trancheId: cmd.trancheId,
        amountFen: t.amountFen,
        withdrawnOn: cmd.withdrawnOn,
        cause: { kind: 'objection', id: cmd.objectionId, publicityId: cmd.publicityId },
      },
    },
  ];
}
