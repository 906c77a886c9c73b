import { checkDisbursementReturn, ReturnDisbursementCommand } from '../tranche/disbursement-return';
import { SeatApplicationEvent } from './seat-application.events';
import { SeatApplicationState } from './seat-application.state';

/**
 * ReturnDisbursement (退票, issue #14) of a seat tranche: the payment came
 * back, the tranche is payable again (R-PUB and R-PAY hold for the next
 * payment). A payment with clawbacks assessed on it is owed by the
 * enterprise (R-FRAUD) and cannot come back from the bank.
 */
export function decideReturnDisbursement(
  state: SeatApplicationState,
  cmd: ReturnDisbursementCommand,
): Extract<SeatApplicationEvent, { type: 'DisbursementReturned' }>[] {
  const t = state.exists ? state.tranches.get(cmd.trancheId) : undefined;
  const data = checkDisbursementReturn(t, cmd, (t?.clawbacks.size ?? 0) > 0);
  return [
    {
      type: 'DisbursementReturned',
      data: { ...data, applicationId: state.applicationId, enterpriseId: state.enterpriseId },
    },
  ];
}
