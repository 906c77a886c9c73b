import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { PublicityForPayment } from '../rules/payment-after-publicity.rule';
import { SchoolStanding } from '../rules/enterprise-suspension.rule';
import { checkTranchePayment } from '../tranche/payable-tranche';
import { clearanceField, requireClearance } from '../tranche/tranche-clearance';
import { InternshipEvent } from './internship.events';
import { requireInternshipTranche } from './internship.guards';
import { InternshipState, InternshipTrancheState } from './internship.state';

export interface RecordInternshipDisbursementCommand {
  disbursementId: string;
  trancheId: string;
  paidOn: BusinessDate;
  amountFen: Fen;
  bankRef: string;
  paidBy: string;
  /** R-FRAUD (ADR 0014): granted on the school's stream just before; refused if revoked. */
  clearanceId?: string;
}

/** RecordDisbursement for an internship tranche: R-FRAUD (the school's standing), R-SOD, R-PUB, R-PAY. */
export function checkInternshipDisbursement(
  state: InternshipState,
  cmd: RecordInternshipDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  standing?: SchoolStanding,
): InternshipTrancheState {
  const t = requireInternshipTranche(state, cmd.trancheId);
  checkTranchePayment(t, cmd, state.reviewerIds, publicity, standing);
  requireClearance(state.clearances, cmd.clearanceId, cmd.trancheId);
  return t;
}

export function decideRecordInternshipDisbursement(
  state: InternshipState,
  cmd: RecordInternshipDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  standing?: SchoolStanding,
): InternshipEvent[] {
  checkInternshipDisbursement(state, cmd, publicity, standing);
  return [
    {
      type: 'InternshipTrancheDisbursed',
      data: {
        applicationId: state.applicationId,
        schoolId: state.schoolId,
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
