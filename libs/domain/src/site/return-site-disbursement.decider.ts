import { checkDisbursementReturn, ReturnDisbursementCommand } from '../tranche/disbursement-return';
import { SiteEvent } from './site.events';
import { SiteState } from './site.state';

/** ReturnDisbursement (退票, issue #14) of a site tranche: payable again; not once found false. */
export function decideReturnSiteDisbursement(
  state: SiteState,
  cmd: ReturnDisbursementCommand,
): Extract<SiteEvent, { type: 'SiteDisbursementReturned' }>[] {
  const t = state.exists ? state.tranches.get(cmd.trancheId) : undefined;
  const data = checkDisbursementReturn(t, cmd, t?.foundFalse !== undefined);
  return [
    {
      type: 'SiteDisbursementReturned',
      data: { ...data, siteId: state.siteId, enterpriseId: state.enterpriseId, kind: state.kind },
    },
  ];
}
