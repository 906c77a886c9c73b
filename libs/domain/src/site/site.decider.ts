import { BusinessDate } from '../shared/business-date';
import { conflict, forbidden, invalidInput, notFound, ruleViolation } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { EffectivePolicy, policyIdsOf } from '../policy/effective-policy';
import { EnterpriseState } from '../enterprise/enterprise.decider';
import { EnterpriseStanding } from '../rules/enterprise-suspension.rule';
import { PublicityForPayment } from '../rules/payment-after-publicity.rule';
import { Refusal } from '../rules/refusal';
import { segregationOfDutiesRule } from '../rules/segregation-of-duties.rule';
import {
  leaseDurationRule,
  leaseTrancheRule,
  leaseYearFenPerSeat,
  leaseYearOf,
} from '../rules/site-lease.rule';
import { SiteKind } from '../rules/site-premises.rule';
import { purchaseRule, purchaseSubsidy, purchaseTrancheRule } from '../rules/site-purchase.rule';
import { renovationRule, renovationSubsidyFen } from '../rules/site-renovation.rule';
import {
  checkTranchePayment,
  checkTranchePublishable,
  PayableTranche,
  requireNotSuspended,
} from '../tranche/payable-tranche';
import {
  SiteEvent,
  SiteLease,
  SitePremises,
  SitePurchase,
  SiteRenovation,
  siteTrancheIdOf,
  SiteWithdrawalCause,
} from './site.events';

export interface SiteTrancheState extends PayableTranche {
  year?: number;
  approvedBy: string;
  policyVersion: string;
  specialTermsId?: string;
  /** Renovation and purchase: the amount asked at the start. */
  requestedFen?: Fen;
  leaseYear?: { from: BusinessDate; to: BusinessDate };
  perSeatFen?: Fen;
  effectiveSeats?: number;
  seats?: number;
  /** What the approval decided, before any withdrawal. */
  approvedFen: Fen;
  withdrawn?: { amountFen: Fen; cause: SiteWithdrawalCause };
  publicity?: { publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate };
  disbursement?: { disbursementId: string; paidOn: BusinessDate; amountFen: Fen; bankRef: string };
}

export interface SiteState {
  exists: boolean;
  siteId: string;
  enterpriseId: string;
  kind: SiteKind;
  submittedOn: BusinessDate;
  policyVersion: string;
  premises: SitePremises;
  lease?: SiteLease;
  renovation?: SiteRenovation;
  purchase?: SitePurchase;
  totalFen?: Fen;
  yearFen?: Fen[];
  reviewerIds: string[];
  tranches: Map<string, SiteTrancheState>;
  openProcesses: Set<string>;
}

export const initialSiteState = (): SiteState => ({
  exists: false,
  siteId: '',
  enterpriseId: '',
  kind: 'lease',
  submittedOn: '',
  policyVersion: '',
  premises: { address: '', premisesKey: '' },
  reviewerIds: [],
  tranches: new Map(),
  openProcesses: new Set(),
});

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolveSite(state: SiteState, event: SiteEvent): SiteState {
  switch (event.type) {
    case 'SiteApplicationSubmitted': {
      const d = event.data;
      state.exists = true;
      state.siteId = d.siteId;
      state.enterpriseId = d.enterpriseId;
      state.kind = d.kind;
      state.submittedOn = d.submittedOn;
      state.policyVersion = d.policyVersion;
      state.premises = d.premises;
      state.lease = d.lease;
      state.renovation = d.renovation;
      state.purchase = d.purchase;
      state.totalFen = d.totalFen;
      state.yearFen = d.yearFen;
      state.reviewerIds = [...d.reviewerIds];
      return state;
    }
    case 'SiteTrancheApprovalStarted': {
      const d = event.data;
      state.tranches.set(d.trancheId, {
        trancheId: d.trancheId,
        year: d.year,
        status: 'approving',
        decidedOn: d.decidedOn,
        approvedBy: d.approvedBy,
        policyVersion: d.policyVersion,
        specialTermsId: d.specialTermsId,
        requestedFen: d.amountFen,
        leaseYear:
          d.leaseYearFrom && d.leaseYearTo
            ? { from: d.leaseYearFrom, to: d.leaseYearTo }
            : undefined,
        perSeatFen: d.perSeatFen,
        amountFen: 0,
        approvedFen: 0,
      });
      state.openProcesses.add(d.processId);
      return state;
    }
    case 'SiteTrancheApproved': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        t.status = 'approved';
        t.amountFen = event.data.amountFen;
        t.approvedFen = event.data.amountFen;
        t.effectiveSeats = event.data.effectiveSeats;
        t.seats = event.data.seats;
      }
      state.openProcesses.delete(event.data.processId);
      return state;
    }
    case 'SiteTranchePublicized': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        const { publicityId, startsOn, endsOn } = event.data;
        t.publicity = { publicityId, startsOn, endsOn };
      }
      return state;
    }
    case 'SiteTrancheWithdrawn': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        t.withdrawn = { amountFen: event.data.amountFen, cause: event.data.cause };
        t.amountFen = 0;
      }
      return state;
    }
    case 'SiteTrancheDisbursed': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        const { disbursementId, paidOn, amountFen, bankRef } = event.data;
        t.disbursement = { disbursementId, paidOn, amountFen, bankRef };
      }
      return state;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export function foldSite(events: readonly SiteEvent[]): SiteState {
  return events.reduce(evolveSite, initialSiteState());
}

const refused = (r: Refusal) => ruleViolation(r.rule, r.reason);

export interface SubmitSiteApplicationCommand {
  siteId: string;
  enterpriseId: string;
  kind: SiteKind;
  submittedOn: BusinessDate;
  submittedBy: string;
  submittedByReviewer: boolean;
  premises: SitePremises;
  lease?: SiteLease;
  renovation?: SiteRenovation;
  purchase?: { areaDm2: number; purchasedOn: BusinessDate; certificateRef: string };
}

/**
 * SubmitSiteApplication: the conditions of its kind (R-SITE-LEASE 5 years,
 * R-SITE-RENO after the work, R-SITE-BUY after the purchase), and for all
 * kinds an enterprise in good standing (no case suspending it, 423). The
 * premises (R-SITE-1) is claimed on its own stream before this is appended.
 * Renovation and purchase amounts are decided here, with the policy version
 * in force on the submission date; lease amounts on each year's decision.
 */
export function decideSubmitSiteApplication(
  state: SiteState,
  enterprise: EnterpriseState,
  standing: EnterpriseStanding,
  cmd: SubmitSiteApplicationCommand,
  effective: EffectivePolicy,
): SiteEvent[] {
  if (state.exists) throw conflict(`site application ${cmd.siteId} already exists`);
  if (!enterprise.registered) throw notFound(`enterprise ${cmd.enterpriseId}`);
  requireNotSuspended(standing, 'apply for site subsidies');
  const policy = effective.policy;
  const base = {
    siteId: cmd.siteId,
    enterpriseId: cmd.enterpriseId,
    kind: cmd.kind,
    submittedOn: cmd.submittedOn,
    submittedBy: cmd.submittedBy,
    reviewerIds: cmd.submittedByReviewer ? [cmd.submittedBy] : [],
    ...policyIdsOf(effective),
    premises: cmd.premises,
  };
  switch (cmd.kind) {
    case 'lease': {
      const lease = cmd.lease;
      if (!lease) throw invalidInput('lease', 'a lease application needs the lease');
      if (lease.endsOn < lease.startsOn)
        throw invalidInput('lease.endsOn', 'must not be before startsOn');
      const duration = leaseDurationRule(lease.startsOn, lease.endsOn, policy);
      if (duration) throw refused(duration);
      return [{ type: 'SiteApplicationSubmitted', data: { ...base, lease: { ...lease } } }];
    }
    case 'renovation': {
      const renovation = cmd.renovation;
      if (!renovation) throw invalidInput('investmentFen', 'a renovation application needs it');
      const rule = renovationRule(
        renovation.investmentFen,
        renovation.completedOn,
        cmd.submittedOn,
      );
      if (rule) throw refused(rule);
      return [
        {
          type: 'SiteApplicationSubmitted',
          data: {
            ...base,
            renovation: { ...renovation },
            totalFen: renovationSubsidyFen(renovation.investmentFen, policy),
          },
        },
      ];
    }
    case 'purchase': {
      const purchase = cmd.purchase;
      if (!purchase) throw invalidInput('areaM2', 'a purchase application needs it');
      const rule = purchaseRule(purchase.areaDm2, purchase.purchasedOn, cmd.submittedOn);
      if (rule) throw refused(rule);
      const subsidy = purchaseSubsidy(purchase.areaDm2, policy);
      return [
        {
          type: 'SiteApplicationSubmitted',
          data: {
            ...base,
            purchase: { ...purchase, areaDm2Counted: subsidy.areaDm2Counted },
            totalFen: subsidy.totalFen,
            yearFen: subsidy.yearFen,
          },
        },
      ];
    }
    default: {
      const never: never = cmd.kind;
      throw invalidInput('kind', `unknown kind ${String(never)}`);
    }
  }
}

function requireSite(state: SiteState, siteId: string): void {
  if (!state.exists) throw notFound(`site application ${siteId}`);
}

export interface StartSiteTrancheCommand {
  /** Lease and purchase; not given for renovation. */
  year?: number;
  decidedOn: BusinessDate;
  approvedBy: string;
}

/**
 * ApproveSiteTranche, step 1: every rule the application alone decides
 * (R-SITE-LEASE / R-SITE-RENO / R-SITE-BUY order and timing, R-SOD) and the
 * enterprise's standing (R-FRAUD, 423). A lease's seats are counted next, on
 * the enterprise's effective-seats stream.
 */
export function decideStartSiteTranche(
  state: SiteState,
  cmd: StartSiteTrancheCommand,
  effective: EffectivePolicy,
  standing: EnterpriseStanding,
): SiteEvent[] {
  requireSite(state, state.siteId);
  if (state.openProcesses.size > 0) {
    throw conflict(`site application ${state.siteId} is still being processed; retry shortly`);
  }
  requireNotSuspended(standing, 'approve tranches');
  const sod = segregationOfDutiesRule(cmd.approvedBy, state.reviewerIds, 'approve tranches');
  if (sod) throw forbidden(sod.reason, sod.rule);
  if (cmd.decidedOn < state.submittedOn) {
    throw invalidInput('decidedOn', `must not be before the application (${state.submittedOn})`);
  }
  const approvedYears = [...state.tranches.values()].map((t) => t.year ?? 0);
  const common = {
    siteId: state.siteId,
    enterpriseId: state.enterpriseId,
    kind: state.kind,
    decidedOn: cmd.decidedOn,
    approvedBy: cmd.approvedBy,
    ...policyIdsOf(effective),
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

export function requireSiteTranche(state: SiteState, trancheId: string): SiteTrancheState {
  const t = state.tranches.get(trancheId);
  if (!state.exists || !t) throw notFound(`tranche ${trancheId}`);
  return t;
}

/** A site tranche that can be put on a notice (R-PUB). */
export function checkSitePublishable(
  state: SiteState,
  trancheId: string,
  startsOn: BusinessDate,
): SiteTrancheState {
  const t = requireSiteTranche(state, trancheId);
  checkTranchePublishable(t, startsOn);
  return t;
}

/** Step of a publicity: links the tranche to its notice; idempotent. */
export function decidePublicizeSiteTranche(
  state: SiteState,
  cmd: { trancheId: string; publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate },
): SiteEvent[] {
  const t = state.tranches.get(cmd.trancheId);
  if (!t || t.publicity) return [];
  return [{ type: 'SiteTranchePublicized', data: { siteId: state.siteId, ...cmd } }];
}

/** Step of an upheld objection against a site tranche: it pays nothing from here; idempotent. */
export function decideWithdrawSiteTranche(
  state: SiteState,
  cmd: { trancheId: string; withdrawnOn: BusinessDate; objectionId: string; publicityId: string },
): SiteEvent[] {
  const t = state.tranches.get(cmd.trancheId);
  if (!t || t.status !== 'approved' || t.disbursement || t.withdrawn) return [];
  return [
    {
      type: 'SiteTrancheWithdrawn',
      data: {
        siteId: state.siteId,
        enterpriseId: state.enterpriseId,
        kind: state.kind,
        trancheId: cmd.trancheId,
        amountFen: t.amountFen,
        withdrawnOn: cmd.withdrawnOn,
        cause: { kind: 'objection', id: cmd.objectionId, publicityId: cmd.publicityId },
      },
    },
  ];
}

export interface RecordSiteDisbursementCommand {
  disbursementId: string;
  trancheId: string;
  paidOn: BusinessDate;
  amountFen: Fen;
  bankRef: string;
  paidBy: string;
}

/** RecordDisbursement for a site tranche: R-FRAUD (423), R-SOD, R-PUB, R-PAY. */
export function checkSiteDisbursement(
  state: SiteState,
  cmd: RecordSiteDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  standing: EnterpriseStanding,
): SiteTrancheState {
  const t = requireSiteTranche(state, cmd.trancheId);
  checkTranchePayment(t, cmd, state.reviewerIds, publicity, standing);
  return t;
}

export function decideRecordSiteDisbursement(
  state: SiteState,
  cmd: RecordSiteDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  standing: EnterpriseStanding,
): SiteEvent[] {
  checkSiteDisbursement(state, cmd, publicity, standing);
  return [
    {
      type: 'SiteTrancheDisbursed',
      data: {
        siteId: state.siteId,
        enterpriseId: state.enterpriseId,
        kind: state.kind,
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
