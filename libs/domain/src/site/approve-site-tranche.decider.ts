import { BusinessDate } from '../shared/business-date';
import { conflict, forbidden, invalidInput, ruleViolation } from '../shared/ledger-error';
import { EffectivePolicy, policyIdsOf } from '../policy/effective-policy';
import { EnterpriseStanding } from '../rules/enterprise-suspension.rule';
import { segregationOfDutiesRule } from '../rules/segregation-of-duties.rule';
import {
  latestStandingCheckOn,
  siteConditionsRule,
  StandingCheck,
} from '../rules/site-conditions.rule';
import {
  leaseSeatsCountedOn,
  leaseTrancheRule,
  leaseYearFenPerSeat,
  leaseYearOf,
} from '../rules/site-lease.rule';
import { purchaseTrancheRule } from '../rules/site-purchase.rule';
import { requireNotSuspended } from '../tranche/payable-tranche';
import { clearanceField, requireClearance } from '../tranche/tranche-clearance';
import { SiteEvent, siteTrancheIdOf } from './site.events';
import { refused, requireSite } from './site.guards';
import { SiteState } from './site.state';

export interface StartSiteTrancheCommand {
  /** Lease and purchase; not given for renovation. */
  year?: number;
  decidedOn: BusinessDate;
  approvedBy: string;
  /** R-FRAUD (ADR 0014): granted on the enterprise's stream just before; refused if revoked. */
  clearanceId?: string;
}

/**
 * ApproveSiteTranche, step 1: every rule the application alone decides
 * (R-SITE-LEASE / R-SITE-RENO / R-SITE-BUY order and timing, R-SOD) and the
 * enterprise's standing, both read from its stream: no suspension (R-FRAUD,
 * 423) and a standing check on or before the decision date showing normal
 * operation and no bad credit record (R-SITE-COND, 422). A lease's seats are
 * counted next, on the enterprise's effective-seats stream.
 */
export function decideStartSiteTranche(
  state: SiteState,
  cmd: StartSiteTrancheCommand,
  effective: EffectivePolicy,
  standing: EnterpriseStanding,
  standingChecks: readonly StandingCheck[],
): SiteEvent[] {
  requireSite(state, state.siteId);
  if (state.openProcesses.size > 0) {
    throw conflict(`site application ${state.siteId} is still being processed; retry shortly`);
  }
  requireNotSuspended(standing, 'approve tranches');
  requireClearance(
    state.clearances,
    cmd.clearanceId,
    siteTrancheIdOf(state.siteId, state.kind, cmd.year),
  );
  const sod = segregationOfDutiesRule(cmd.approvedBy, state.reviewerIds, 'approve tranches');
  if (sod) throw forbidden(sod.reason, sod.rule);
  if (cmd.decidedOn < state.submittedOn) {
    throw invalidInput('decidedOn', `must not be before the application (${state.submittedOn})`);
  }
  const check = latestStandingCheckOn(standingChecks, cmd.decidedOn);
  const conditions = siteConditionsRule(check, cmd.decidedOn);
  if (conditions) throw refused(conditions);
  const approvedYears = [...state.tranches.values()].map((t) => t.year ?? 0);
  const common = {
    siteId: state.siteId,
    enterpriseId: state.enterpriseId,
    kind: state.kind,
    decidedOn: cmd.decidedOn,
    approvedBy: cmd.approvedBy,
    ...policyIdsOf(effective),
    standingCheckId: check!.checkId,
    ...clearanceField(cmd.clearanceId),
  };
  switch (state.kind) {
    case 'lease': {
      const lease = state.lease!;
      const year = requireYear(cmd.year);
      const rule = leaseTrancheRule(year, cmd.decidedOn, lease, approvedYears, effective.policy);
      if (rule) throw refused(rule);
      const trancheId = siteTrancheIdOf(state.siteId, 'lease', year);
      const { from, to } = leaseYearOf(lease.startsOn, year);
      return [
        {
          type: 'SiteTrancheApprovalStarted',
          data: {
            processId: trancheId,
            ...common,
            trancheId,
            year,
            leaseYearFrom: from,
            leaseYearTo: to,
            seatsCountedOn: leaseSeatsCountedOn(lease.startsOn, year, cmd.decidedOn),
            perSeatFen: leaseYearFenPerSeat(year, effective.policy),
          },
        },
      ];
    }
    case 'purchase': {
      const year = requireYear(cmd.year);
      const yearFen = state.yearFen ?? [];
      const rule = purchaseTrancheRule(
        year,
        cmd.decidedOn,
        state.purchase!.purchasedOn,
        approvedYears,
        yearFen.length,
      );
      if (rule) throw refused(rule);
      const trancheId = siteTrancheIdOf(state.siteId, 'purchase', year);
      return [
        {
          type: 'SiteTrancheApprovalStarted',
          data: { processId: trancheId, ...common, trancheId, year, amountFen: yearFen[year - 1] },
        },
      ];
    }
    case 'renovation': {
      if (cmd.year !== undefined) {
        throw invalidInput('year', 'a renovation is paid once; give no year');
      }
      const trancheId = siteTrancheIdOf(state.siteId, 'renovation');
      if (state.tranches.has(trancheId)) {
        throw ruleViolation(
          'R-SITE-RENO',
          'the renovation subsidy is paid once and is already approved',
        );
      }
      return [
        {
          type: 'SiteTrancheApprovalStarted',
          data: { processId: trancheId, ...common, trancheId, amountFen: state.totalFen ?? 0 },
        },
      ];
    }
    default: {
      const never: never = state.kind;
      throw new Error(`unknown site kind ${String(never)}`);
    }
  }
}

function requireYear(year: number | undefined): number {
  if (year === undefined) throw invalidInput('year', 'lease and purchase tranches name their year');
  return year;
}

/** What the lease step counted (absent for renovation and purchase). */
export interface LeaseSeatOutcome {
  effectiveSeats: number;
  seats: number;
}

/** ApproveSiteTranche, last step: the amount, for a lease the counted seats × the year's rate. */
export function decideCompleteSiteTranche(
  state: SiteState,
  trancheId: string,
  lease: LeaseSeatOutcome | undefined,
): SiteEvent[] {
  const t = state.tranches.get(trancheId);
  if (!t || t.status !== 'approving') return [];
  const common = {
    processId: trancheId,
    siteId: state.siteId,
    enterpriseId: state.enterpriseId,
    kind: state.kind,
    trancheId,
    ...(t.year === undefined ? {} : { year: t.year }),
    decidedOn: t.decidedOn,
    policyVersion: t.policyVersion,
    ...(t.specialTermsId === undefined ? {} : { specialTermsId: t.specialTermsId }),
  };
  if (state.kind === 'lease') {
    if (!lease) throw new Error(`lease tranche ${trancheId} has no seat count yet`);
    const perSeatFen = t.perSeatFen ?? 0;
    const amountFen = lease.seats * perSeatFen;
    if (!Number.isSafeInteger(amountFen)) throw new RangeError('lease tranche amount out of range');
    return [
      {
        type: 'SiteTrancheApproved',
        data: {
          ...common,
          amountFen,
          effectiveSeats: lease.effectiveSeats,
          seats: lease.seats,
          perSeatFen,
        },
      },
    ];
  }
  return [{ type: 'SiteTrancheApproved', data: { ...common, amountFen: t.requestedFen ?? 0 } }];
}
