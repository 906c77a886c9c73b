import { checkDisbursementReturn, ReturnDisbursementCommand } from '../tranche/disbursement-return';
import { InternshipEvent } from './internship.events';
import { InternshipState } from './internship.state';

/** ReturnDisbursement (退票, issue #14) of an internship reward: payable again; not once found false. */
export function decideReturnInternshipDisbursement(
  state: InternshipState,
  cmd: ReturnDisbursementCommand,
): Extract<InternshipEvent, { type: 'InternshipDisbursementReturned' }>[] {
  const t = state.exists && state.tranche?.trancheId === cmd.trancheId ? state.tranche : undefined;
  const data = checkDisbursementReturn(t, cmd, t?.foundFalse !== undefined);
  return [
    {
      type: 'InternshipDisbursementReturned',
      data: { ...data, applicationId: state.applicationId, schoolId: state.schoolId },
    },
  ];
}
