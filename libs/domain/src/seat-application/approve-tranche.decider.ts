import { BusinessDate } from '../shared/business-date';
import { LedgerError, ruleViolation } from '../shared/ledger-error';
import { sumFen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { ReservationOutcome } from '../person/person.decider';
import { decisionDateOrderRule } from '../rules/decision-date-order.rule';
import { EnterpriseStanding } from '../rules/enterprise-suspension.rule';
import { segregationOfDutiesRule } from '../rules/segregation-of-duties.rule';
import { trancheMonthsRule } from '../rules/tranche-months.rule';
import { trancheOrderRule } from '../rules/tranche-order.rule';
import { trancheWindowRule } from '../rules/tranche-window.rule';
import { requireNotSuspended } from '../tranche/payable-tranche';
import { clearanceField, requireClearance } from '../tranche/tranche-clearance';
import {
  IncludedClaim,
  RefusedClaim,
  SeatApplicationEvent,
  TrancheClaimRef,
} from './seat-application.events';
import {
  firstTrancheApprovedOn,
  refused,
  requireApplication,
  requireSettled,
} from './seat-application.guards';
import {
  ClaimState,
  reservationIdOf,
  SeatApplicationState,
  TrancheState,
  trancheIdOf,
} from './seat-application.state';

export interface StartTrancheApprovalCommand {
  tranche: number;
  decidedOn: BusinessDate;
  approvedBy: string;
  /** R-FRAUD (ADR 0014): granted on the enterprise's stream just before; refused if revoked. */
  clearanceId?: string;
}

/**
 * ApproveTranche, step 1: every rule that the application alone can decide,
 * and the enterprise's standing (R-FRAUD), read from its own stream.
 * The person cap (R-SEAT-5) is decided afterwards on each person's stream.
 */
export function decideStartTrancheApproval(
  state: SeatApplicationState,
  cmd: StartTrancheApprovalCommand,
  policy: PolicyVersion,
  standing: EnterpriseStanding,
  /** R-SPECIAL: the enterprise's special terms `policy` is overlaid with, if any. */
  specialTermsId?: string,
): SeatApplicationEvent[] {
  requireApplication(state, state.applicationId);
  requireSettled(state);
  requireNotSuspended(standing, 'approve tranches');
  requireClearance(
    state.clearances,
    cmd.clearanceId,
    trancheIdOf(state.applicationId, cmd.tranche),
  );
  const sod = segregationOfDutiesRule(cmd.approvedBy, state.reviewerIds, 'approve tranches');
  if (sod) throw new LedgerError('forbidden', sod.reason, sod.rule);
  const order = trancheOrderRule(
    cmd.tranche,
    [...state.tranches.values()].map((t) => t.tranche),
    policy,
  );
  if (order) throw refused(order);
  const windowRefusal = trancheWindowRule(
    firstTrancheApprovedOn(state),
    cmd.decidedOn,
    policy,
    'approval',
  );
  if (windowRefusal) throw refused(windowRefusal);
  const previous = state.tranches.get(trancheIdOf(state.applicationId, cmd.tranche - 1));
  if (previous && cmd.decidedOn < previous.decidedOn) {
    throw ruleViolation(
      'R-SEAT-3',
      `tranche ${cmd.tranche} cannot be decided before tranche ${previous.tranche} (${previous.decidedOn})`,
    );
  }
  const eligible = eligibleClaims(state, cmd.tranche, previous);
  const date = decisionDateOrderRule(
    'tranche',
    cmd.decidedOn,
    latestApprovalOf(eligible),
    `tranche ${cmd.tranche}`,
  );
  if (date) throw refused(date);
  const m1 = state.firstTrancheMonths ?? policy.seat.firstTrancheMonths;
  const candidates: TrancheClaimRef[] = [];
  const refusedClaims: RefusedClaim[] = [];
  for (const claim of eligible) {
    const months = trancheMonthsRule(cmd.tranche, claim.months.length, m1, policy);
    if (months) refusedClaims.push({ claimId: claim.claimId, ...months });
    else
      candidates.push({
        claimId: claim.claimId,
        personKey: claim.personKey,
        requestedFen: policy.seat.trancheFen,
      });
  }
  if (candidates.length === 0) {
    const first = refusedClaims[0];
    if (first)
      throw ruleViolation(
        first.rule,
        `no claim qualifies for tranche ${cmd.tranche}: ${first.reason}`,
        { refused: refusedClaims },
      );
    throw ruleViolation('R-SEAT-3', `no approved claim is due tranche ${cmd.tranche}`);
  }
  const trancheId = trancheIdOf(state.applicationId, cmd.tranche);
  return [
    {
      type: 'TrancheApprovalStarted',
      data: {
        processId: trancheId,
        applicationId: state.applicationId,
        enterpriseId: state.enterpriseId,
        trancheId,
        tranche: cmd.tranche,
        decidedOn: cmd.decidedOn,
        approvedBy: cmd.approvedBy,
        policyVersion: policy.id,
        ...(specialTermsId === undefined ? {} : { specialTermsId }),
        candidates,
        refused: refusedClaims,
        ...clearanceField(cmd.clearanceId),
      },
    },
  ];
}

/**
 * R-SEAT-3 (interpretation): tranche 1 is for every approved claim; a later
 * tranche is for the claims the previous tranche still pays.
 */
function eligibleClaims(
  state: SeatApplicationState,
  tranche: number,
  previous: TrancheState | undefined,
): ClaimState[] {
  const approved = [...state.claims.values()].filter((c) => c.status === 'approved');
  if (tranche === 1 || !previous) return approved;
  const paidBefore = new Set(
    previous.included.filter((c) => !previous.withdrawn.has(c.claimId)).map((c) => c.claimId),
  );
  return approved.filter((c) => paidBefore.has(c.claimId));
}

/** R-DATE: the latest review date among the claims a tranche would pay. */
function latestApprovalOf(claims: readonly ClaimState[]): BusinessDate | undefined {
  let latest: BusinessDate | undefined;
  for (const c of claims)
    if (c.approvedOn && (!latest || c.approvedOn > latest)) latest = c.approvedOn;
  return latest;
}

/** ApproveTranche, last step: what each person's stream reserved or refused. */
export function decideCompleteTrancheApproval(
  state: SeatApplicationState,
  trancheId: string,
  outcomes: ReadonlyMap<string, ReservationOutcome>,
): SeatApplicationEvent[] {
  const t = state.tranches.get(trancheId);
  if (!t || t.status !== 'approving') return [];
  const included: IncludedClaim[] = [];
  const refusedClaims: RefusedClaim[] = [...t.refused];
  for (const c of t.candidates) {
    const reservationId = reservationIdOf(trancheId, c.claimId);
    const o = outcomes.get(reservationId);
    if (!o) throw new Error(`reservation ${reservationId} has no outcome yet`);
    if (o.status === 'reserved')
      included.push({
        claimId: c.claimId,
        personKey: c.personKey,
        reservationId,
        amountFen: o.amountFen,
      });
    else refusedClaims.push({ claimId: c.claimId, rule: o.rule, reason: o.reason });
  }
  const amountFen = sumFen(included.map((c) => c.amountFen));
  return [
    {
      type: 'TrancheApproved',
      data: {
        processId: trancheId,
        applicationId: state.applicationId,
        enterpriseId: state.enterpriseId,
        trancheId,
        tranche: t.tranche,
        decidedOn: t.decidedOn,
        policyVersion: t.policyVersion,
        amountFen,
        included,
        refused: refusedClaims,
      },
    },
  ];
}
