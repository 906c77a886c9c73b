import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { EnterpriseStanding } from '../rules/enterprise-suspension.rule';
import { PublicityForPayment } from '../rules/payment-after-publicity.rule';
import { checkTranchePayment } from '../tranche/payable-tranche';
import { clearanceField, requireClearance } from '../tranche/tranche-clearance';
import { SiteEvent } from './site.events';
import { requireSiteTranche } from './site.guards';
import { SiteState, SiteTrancheState } from './site.state';

export interface RecordSiteDisbursementCommand {
  disbursementId: string;
  trancheId: string;
  paidOn: BusinessDate;
  amountFen: Fen;
  bankRef: string;
  paidBy: string;
  /** R-FRAUD (ADR 0014): granted on the enterprise's stream just before; refused if revoked. */
  clearanceId?: string;
}

/** RecordDisbursement for a site tranche: R-FRAUD (423), R-SOD, R-PUB, R-PAY. */
export function checkSiteDisbursement(
  state: SiteState,
  cmd: RecordSiteDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  standing: EnterpriseStanding,
): SiteTrancheState {
  const t = requireSiteTranche(state, cmd.trancheId);
  checkTranchePayment(t, cmd, state.reviewerIds, publicity, standing);
  requireClearance(state.clearances, cmd.clearanceId, cmd.trancheId);
  return t;
}

export function decideRecordSiteDisbursement(
  state: SiteState,
  cmd: RecordSiteDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  standing: EnterpriseStanding,
): SiteEvent[] {
  checkSiteDisbursement(state, cmd, publicity, standing);
  return [
    {
      type: 'SiteTrancheDisbursed',
      data: {
        siteId: state.siteId,
        enterpriseId: state.enterpriseId,
        kind: state.kind,
        trancheId: cmd.trancheId,
        disbursementId: cmd.disbursementId,
        paidOn: cmd.paidOn,
        amountFen: cmd.amountFen,
        bankRef: cmd.bankRef,
        paidBy: cmd.paidBy,
        ...clearanceField(cmd.clearanceId),
      },
    },
  ];
}
