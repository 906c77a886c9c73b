import { BusinessDate } from '../shared/business-date';
import { suspendedError } from '../shared/ledger-error';
import { PartyStanding } from '../rules/enterprise-suspension.rule';
import { requireNotSuspended } from './payable-tranche';

/**
 * R-FRAUD "no race window" (issue #12 point 6, ADR 0014). A tranche approval
 * or payment is decided on the tranche's stream, its party's standing on the
 * party's stream (`enterprise-…` or `school-…`): two streams, and the port
 * appends to one at a time. So the approval or payment first appends a
 * **clearance** to the party's stream, at the revision it read the standing
 * at, and names it in the event it then writes on the tranche's stream. A
 * suspension, decided on the party's stream too, first settles every
 * clearance granted since the last suspension: one already used is done
 * (an approval still running is finished first), one not yet used is
 * **revoked** on the tranche's stream, where the approval or payment would be
 * written. Both sides append with expected revisions, so whatever the
 * interleaving, every approval and payment of the party is recorded before
 * its suspension or refused (423), on any backend.
 *
 * So that a stream of clearances cannot keep a suspension from landing, the
 * suspension first stops them (`TrancheClearancesStopped`, one append): from
 * there the party answers 423 as if suspended, the clearances granted before
 * are settled, and the suspension is recorded.
 */
export type ClearanceAction = 'approve' | 'pay';

/** A clearance granted and not yet settled by a suspension, as the party's stream holds it. */
export interface PendingClearance {
  clearanceId: string;
  action: ClearanceAction;
  trancheId: string;
  grantedOn: BusinessDate;
}

// Type aliases, not interfaces: event data must be assignable to a plain record.
export type GrantClearanceCommand = {
  clearanceId: string;
  action: ClearanceAction;
  trancheId: string;
  grantedOn: BusinessDate;
};

/** `TrancheClearanceGranted` on `enterprise-…` and `school-…`: the party's id, then the clearance. */
export type TrancheClearanceGrantedData = GrantClearanceCommand &
  ({ enterpriseId: string } | { schoolId: string });

/** `TrancheClearanceRevoked` on a tranche's stream (seat application, site, internship application). */
export type TrancheClearanceRevokedData = {
  trancheId: string;
  clearanceId: string;
  /** The case whose suspension revoked it. */
  caseId: string;
  revokedOn: BusinessDate;
};

/** What a tranche's stream knows of clearances: used by an approval or a payment, or revoked. */
export interface TrancheClearances {
  used: Set<string>;
  revoked: Set<string>;
}

export const noClearances = (): TrancheClearances => ({ used: new Set(), revoked: new Set() });

/** `TrancheClearancesStopped` on the party's stream: a case is suspending it. */
export type ClearancesStoppedData = { caseId: string; stoppedOn: BusinessDate } & (
  { enterpriseId: string } | { schoolId: string }
);

/**
 * The first step of a suspension: no clearance from here. Nothing when the
 * case already stopped them, suspended the party, or lifted its suspension.
 */
export function shouldStopClearances(
  party: {
    suspensions: ReadonlyMap<string, unknown>;
    liftedSuspensions: ReadonlySet<string>;
    clearanceStops: ReadonlySet<string>;
  },
  caseId: string,
): boolean {
  return !(
    party.suspensions.has(caseId) ||
    party.liftedSuspensions.has(caseId) ||
    party.clearanceStops.has(caseId)
  );
}

/** For the party's side: R-FRAUD standing first; a clearance already granted is not granted twice. */
export function checkClearanceGrant(
  standing: PartyStanding,
  pending: ReadonlyMap<string, PendingClearance>,
  cmd: GrantClearanceCommand,
): boolean {
  if (pending.has(cmd.clearanceId)) return false;
  requireNotSuspended(standing, cmd.action === 'approve' ? 'approve tranches' : 'record payments');
  return true;
}

/**
 * For the tranche's side: an approval or payment naming a clearance that a
 * suspension revoked is refused with 423, as if it had read the suspension.
 */
export function requireClearance(
  clearances: TrancheClearances,
  clearanceId: string | undefined,
  trancheId: string,
): void {
  if (clearanceId === undefined || !clearances.revoked.has(clearanceId)) return;
  throw suspendedError(
    `a case suspended the payee while tranche ${trancheId} was being decided; nothing was recorded`,
    'R-FRAUD',
    { clearanceId },
  );
}

/** A step of a suspension: revokes a clearance no approval or payment used yet; idempotent. */
export function decideRevokeClearance(
  clearances: TrancheClearances,
  cmd: TrancheClearanceRevokedData,
): { type: 'TrancheClearanceRevoked'; data: TrancheClearanceRevokedData }[] {
  if (clearances.used.has(cmd.clearanceId) || clearances.revoked.has(cmd.clearanceId)) return [];
  return [{ type: 'TrancheClearanceRevoked', data: { ...cmd } }];
}

/** `clearanceId` on the event an approval or payment writes, when it has one. */
export const clearanceField = (clearanceId: string | undefined): { clearanceId?: string } =>
  clearanceId === undefined ? {} : { clearanceId };

/** Folds a used clearance into a tranche stream's state. */
export function noteClearanceUsed(
  clearances: TrancheClearances,
  clearanceId: string | undefined,
): void {
  if (clearanceId !== undefined) clearances.used.add(clearanceId);
}
