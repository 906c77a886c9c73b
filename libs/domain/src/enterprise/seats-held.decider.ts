import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput } from '../shared/ledger-error';
import { SeatCount, seatCountOn } from '../rules/seats-held.rule';
import { EnterpriseState, requireEnterprise } from './enterprise.decider';
import { EnterpriseEvent, SeatReleaseKind } from './enterprise.events';

/**
 * R-SEAT-8 on `enterprise-{code}`: seats are taken when a submission is
 * registered (enterprise.decider.ts `decideRegisterSeatApplication`) and given
 * back here by the processes that close claims, each as a step of its own
 * process (ADR 0002), so the count is decided on one stream whatever runs at
 * the same time.
 */

/** Open claims holding a seat. */
export const seatsHeldOf = (state: EnterpriseState): number => state.seatsHeld;

/** The seat count on a date: the latest verified on or before it, else the declared one. */
export const seatCountOf = (state: EnterpriseState, date: BusinessDate): SeatCount =>
  seatCountOn(state.seats, state.verifiedSeatCounts, date);

/** Does this claim of the application hold a seat now (admitted, not released)? */
export function holdsSeat(state: EnterpriseState, applicationId: string, claimId: string): boolean {
  const admitted = state.applications.get(applicationId)?.claimsAdmitted;
  if (admitted === undefined || state.releasedClaims.has(claimId)) return false;
  const prefix = `${applicationId}.c`;
  if (!claimId.startsWith(prefix)) return false;
  const n = Number(claimId.slice(prefix.length));
  return Number.isSafeInteger(n) && n >= 1 && n <= admitted;
}

export interface ReleaseSeatsCommand {
  applicationId: string;
  claimIds: readonly string[];
  releasedOn: BusinessDate;
  cause: { kind: SeatReleaseKind; id: string };
}

/**
 * A step of a process that closed claims: their seats are released.
 * Idempotent: only claims that hold a seat now are released, so a retried
 * step, or one for claims that never held a seat, writes nothing.
 */
export function decideReleaseSeats(
  state: EnterpriseState,
  cmd: ReleaseSeatsCommand,
): EnterpriseEvent[] {
  const claimIds = [...new Set(cmd.claimIds)].filter((c) => holdsSeat(state, cmd.applicationId, c));
  if (claimIds.length === 0) return [];
  return [
    {
      type: 'SeatsReleased',
      data: {
        enterpriseId: state.enterpriseId,
        applicationId: cmd.applicationId,
        claimIds,
        releasedOn: cmd.releasedOn,
        cause: cmd.cause,
      },
    },
  ];
}

export interface RetakeSeatsCommand {
  applicationId: string;
  /** The paid-in-full process of the payment that came back (`paidInFullProcessIdOf`). */
  releasedBy: string;
  retakenOn: BusinessDate;
  cause: { kind: 'returned'; id: string };
}

/**
 * R-SEAT-8, a step of a return (退票): claims are "paid in full" only while
 * the payment that paid them stands, so when it comes back the claims its
 * paid-in-full released hold their seats again, even beyond the seat count
 * (they were admitted; new claims are refused until the count has room).
 * Idempotent and exact: only claims released by that very process and not
 * taken back since; a repayment releases under another process id, so a
 * retried return never takes back what the repayment released.
 */
export function decideRetakeSeats(
  state: EnterpriseState,
  cmd: RetakeSeatsCommand,
): EnterpriseEvent[] {
  const prefix = `${cmd.applicationId}.c`;
  const claimIds = [...state.releasedClaims]
    .filter(([claimId, by]) => by === cmd.releasedBy && claimId.startsWith(prefix))
    .map(([claimId]) => claimId);
  if (claimIds.length === 0) return [];
  return [
    {
      type: 'SeatsRetaken',
      data: {
        enterpriseId: state.enterpriseId,
        applicationId: cmd.applicationId,
        claimIds,
        retakenOn: cmd.retakenOn,
        releasedBy: cmd.releasedBy,
        cause: cmd.cause,
      },
    },
  ];
}

export interface VerifySeatCountCommand {
  enterpriseId: string;
  verifiedOn: BusinessDate;
  seats: number;
  inspectionRef: string;
  verifiedBy: string;
}

/**
 * R-SEAT-8: a reviewer records the seats an inspection found. It governs
 * from `verifiedOn` (decisions already taken are not recomputed); each
 * inspection is recorded once.
 */
export function decideVerifySeatCount(
  state: EnterpriseState,
  cmd: VerifySeatCountCommand,
): EnterpriseEvent[] {
  requireEnterprise(state, cmd.enterpriseId);
  if (!Number.isSafeInteger(cmd.seats) || cmd.seats < 0) {
    throw invalidInput('seats', 'must be a whole number of seats, 0 or more');
  }
  const inspectionRef = cmd.inspectionRef.trim();
  if (!inspectionRef) throw invalidInput('inspectionRef', 'must not be empty');
  const earlier = state.verifiedSeatCounts.find((v) => v.inspectionRef === inspectionRef);
  if (earlier) {
    throw conflict(
      `inspection ${inspectionRef} was already recorded (${earlier.seats} seats on ${earlier.verifiedOn})`,
    );
  }
  return [{ type: 'SeatCountVerified', data: { ...cmd, inspectionRef } }];
}
