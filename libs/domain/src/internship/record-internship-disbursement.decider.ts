import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { PublicityForPayment } from '../rules/payment-after-publicity.rule';
import { checkTranchePayment } from '../tranche/payable-tranche';
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
}

/** RecordDisbursement for an internship tranche: R-SOD, R-PUB, R-PAY (a school is not suspended). */
export function checkInternshipDisbursement(
  state: InternshipState,
  cmd: RecordInternshipDisbursementCommand,
  publicity: PublicityForPayment | undefined,
): InternshipTrancheState {
  const t = requireInternshipTranche(state, cmd.trancheId);
  checkTranchePayment(t, cmd, state.reviewerIds, publicity, undefined);
  return t;
}

export function decideRecordInternshipDisbursement(
  state: InternshipState,
  cmd: RecordInternshipDisbursementCommand,
  publicity: PublicityForPayment | undefined,
): InternshipEvent[] {
  checkInternshipDisbursement(state, cmd, publicity);
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
      },
    },
  ];
}
