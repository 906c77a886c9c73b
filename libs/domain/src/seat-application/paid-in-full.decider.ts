import { BusinessDate } from '../shared/business-date';
import { SeatApplicationEvent } from './seat-application.events';
import { SeatApplicationState } from './seat-application.state';

/**
 * R-SEAT-8 "paid in full": the payment of an application's last tranche
 * (`TrancheDisbursed` with a `processId`) closes the claims it pays; the
 * enterprise releases their seats (a step on its own stream) and this ends
 * the process (ADR 0002). A payment after `returnedBefore` returns (退票) of
 * the tranche is a process of its own (`{trancheId}.paid.{n}`), so that its
 * release is told apart from the one the return took back (`decideRetakeSeats`).
 */
export const paidInFullProcessIdOf = (trancheId: string, returnedBefore = 0) =>
  returnedBefore > 0 ? `${trancheId}.paid.${returnedBefore}` : `${trancheId}.paid`;

/** The tranche a paid-in-full process id names. */
export const trancheIdOfPaidInFull = (processId: string) =>
  processId.replace(/\.paid(\.\d+)?$/, '');

/** The paid-in-full process of the tranche's current payment (whether or not it is open). */
const currentPaidInFullOf = (state: SeatApplicationState, trancheId: string) =>
  paidInFullProcessIdOf(trancheId, state.tranches.get(trancheId)?.returned?.length ?? 0);

/**
 * The tranche's open paid-in-full processes, oldest first: the current
 * payment's, and one of a payment that came back before it ended.
 */
export function openPaidInFullOf(state: SeatApplicationState, trancheId: string): string[] {
  return [...state.openProcesses]
    .filter(([id, kind]) => kind === 'TrancheDisbursed' && trancheIdOfPaidInFull(id) === trancheId)
    .map(([id]) => id);
}

/** The day of the payment that started a paid-in-full process (the current one, or one that came back). */
export function paidOnOfPaidInFull(
  state: SeatApplicationState,
  trancheId: string,
  processId: string,
): BusinessDate | undefined {
  const t = state.tranches.get(trancheId);
  if (processId === currentPaidInFullOf(state, trancheId)) return t?.disbursement?.paidOn;
  return t?.returned?.find((_, n) => paidInFullProcessIdOf(trancheId, n) === processId)?.paidOn;
}

/** The paid-in-full process of a payment of the tranche that came back (the seats a return takes back). */
export function returnedPaidInFullOf(
  state: SeatApplicationState,
  trancheId: string,
  disbursementId: string,
): string | undefined {
  const n = state.tranches
    .get(trancheId)
    ?.returned?.findIndex((r) => r.disbursementId === disbursementId);
  return n === undefined || n < 0 ? undefined : paidInFullProcessIdOf(trancheId, n);
}

/**
 * The claims a paid tranche still pays (an upheld objection or a finding took
 * the others out); none for the process of a payment that came back: its
 * claims are not paid in full.
 */
export function paidInFullClaimsOf(
  state: SeatApplicationState,
  trancheId: string,
  processId = currentPaidInFullOf(state, trancheId),
): string[] {
  const t = state.tranches.get(trancheId);
  if (!t?.disbursement || processId !== currentPaidInFullOf(state, trancheId)) return [];
  return t.included.filter((c) => !t.withdrawn.has(c.claimId)).map((c) => c.claimId);
}

/** The end of the process, once: the seats of these claims were released. */
export function decideCompletePaidInFull(
  state: SeatApplicationState,
  trancheId: string,
  processId = currentPaidInFullOf(state, trancheId),
): SeatApplicationEvent[] {
  if (!state.openProcesses.has(processId)) return [];
  return [
    {
      type: 'PaidClaimsReleased',
      data: {
        processId,
        applicationId: state.applicationId,
        trancheId,
        claimIds: paidInFullClaimsOf(state, trancheId, processId),
      },
    },
  ];
}
