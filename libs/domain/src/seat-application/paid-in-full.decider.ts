import { SeatApplicationEvent } from './seat-application.events';
import { SeatApplicationState } from './seat-application.state';

/**
 * R-SEAT-8 "paid in full": the payment of an application's last tranche
 * (`TrancheDisbursed` with a `processId`) closes the claims it pays; the
 * enterprise releases their seats (a step on its own stream) and this ends
 * the process (ADR 0002).
 */
export const paidInFullProcessIdOf = (trancheId: string) => `${trancheId}.paid`;

/** The claims a paid tranche still pays (an upheld objection or a finding took the others out). */
export function paidInFullClaimsOf(state: SeatApplicationState, trancheId: string): string[] {
  const t = state.tranches.get(trancheId);
  if (!t?.disbursement) return [];
  return t.included.filter((c) => !t.withdrawn.has(c.claimId)).map((c) => c.claimId);
}

/** The end of the process, once: the seats of these claims were released. */
export function decideCompletePaidInFull(
  state: SeatApplicationState,
  trancheId: string,
): SeatApplicationEvent[] {
  const processId = paidInFullProcessIdOf(trancheId);
  if (!state.openProcesses.has(processId)) return [];
  return [
    {
      type: 'PaidClaimsReleased',
      data: {
        processId,
        applicationId: state.applicationId,
        trancheId,
        claimIds: paidInFullClaimsOf(state, trancheId),
      },
    },
  ];
}
