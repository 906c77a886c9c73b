import { BusinessDate, Month } from '../shared/business-date';
import {
  conflict,
  invalidInput,
  LedgerError,
  notFound,
  ruleConflict,
  ruleViolation,
  suspendedError,
} from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { FalseClaimOutcome, FalseClaimTranche } from '../case/case.events';
import { EnterpriseState } from '../enterprise/enterprise.decider';
import { ReservationOutcome, StepOutcome } from '../person/person.decider';
import { ClaimInTranche, clawbackRule } from '../rules/clawback.rule';
import { enterpriseScaleRule } from '../rules/enterprise-scale.rule';
import { EnterpriseStanding, enterpriseSuspensionRule } from '../rules/enterprise-suspension.rule';
import { falseClaimRule } from '../rules/false-claim.rule';
import { evidenceMonthsRule, qualifyingMonths } from '../rules/qualifying-months.rule';
import {
  paymentAfterPublicityRule,
  PublicityForPayment,
} from '../rules/payment-after-publicity.rule';
import { paymentAmountRule } from '../rules/payment-amount.rule';
import { Refusal } from '../rules/refusal';
import { segregationOfDutiesRule } from '../rules/segregation-of-duties.rule';
import { trancheMonthsRule } from '../rules/tranche-months.rule';
import { trancheOrderRule } from '../rules/tranche-order.rule';
import { trancheWindowRule } from '../rules/tranche-window.rule';
import {
  ClaimCheckResult,
  clawbackIdOf,
  EvidenceResult,
  IncludedClaim,
  RefusedClaim,
  SeatApplicationEvent,
  TrancheClaimRef,
} from './seat-application.events';
import {
  ClaimState,
  claimIdOf,
  currentTrancheAmountFen,
  reservationIdOf,
  SeatApplicationState,
  TrancheState,
  trancheIdOf,
} from './seat-application.state';

const refused = (r: Refusal, details?: Record<string, unknown>): LedgerError =>
  ruleViolation(r.rule, r.reason, details);

function requireApplication(state: SeatApplicationState, applicationId: string): void {
  if (!state.exists) throw notFound(`seat application ${applicationId}`);
}

/** Commands that change an application wait until its own half-done steps are finished. */
function requireSettled(state: SeatApplicationState): void {
  if (state.openProcesses.size > 0) {
    throw conflict(
      `seat application ${state.applicationId} is still being processed; retry shortly`,
    );
  }
}

function requireClaim(state: SeatApplicationState, claimId: string): ClaimState {
  const claim = state.claims.get(claimId);
  if (!claim) throw notFound(`claim ${claimId}`);
  return claim;
}

export interface SubmitSeatApplicationCommand {
  applicationId: string;
  enterpriseId: string;
  submittedOn: BusinessDate;
  claims: {
    personKey: string;
    personId: string;
    personIdMasked: string;
    name: string;
    wageMonths: Month[];
    insuranceMonths: Month[];
  }[];
}

/** SubmitSeatApplication, step 0: R-SEAT-1 and the evidence months; claims start pending. */
export function decideSubmitSeatApplication(
  state: SeatApplicationState,
  enterprise: EnterpriseState,
  cmd: SubmitSeatApplicationCommand,
  policy: PolicyVersion,
): SeatApplicationEvent[] {
  if (state.exists) throw conflict(`seat application ${cmd.applicationId} already exists`);
  if (!enterprise.registered) throw notFound(`enterprise ${cmd.enterpriseId}`);
  const scale = enterpriseScaleRule(enterprise.seats, policy);
  if (scale) throw refused(scale);
  if (cmd.claims.length === 0) throw invalidInput('claims', 'at least one claim is needed');
  const seen = new Set<string>();
  cmd.claims.forEach((c, i) => {
    const late = evidenceMonthsRule(c.wageMonths, c.insuranceMonths, cmd.submittedOn);
    if (late) throw refused(late, { field: `claims.${i}` });
    if (seen.has(c.personKey)) {
      throw ruleViolation(
        'R-SEAT-6',
        `claims.${i} names a person already claimed in this application`,
        {
          field: `claims.${i}.personId`,
        },
      );
    }
    seen.add(c.personKey);
  });
  return [
    {
      type: 'SeatApplicationSubmitted',
      data: {
        processId: cmd.applicationId,
        applicationId: cmd.applicationId,
        enterpriseId: cmd.enterpriseId,
        submittedOn: cmd.submittedOn,
        policyVersion: policy.id,
        claims: cmd.claims.map((c, i) => ({
          claimId: claimIdOf(cmd.applicationId, i),
          ...c,
          months: qualifyingMonths(c.wageMonths, c.insuranceMonths, cmd.submittedOn),
        })),
      },
    },
  ];
}

/** SubmitSeatApplication, last step: the outcome of the enterprise and person steps. */
export function decideCompleteSubmission(
  state: SeatApplicationState,
  registration: { ordinal: number; firstTrancheMonths: number },
  outcomes: ReadonlyMap<string, StepOutcome>,
): SeatApplicationEvent[] {
  if (!state.openProcesses.has(state.applicationId)) return [];
  const results: ClaimCheckResult[] = [...state.claims.values()].map((c) => {
    const o = outcomes.get(c.claimId);
    if (o?.status === 'refused') {
      return {
        claimId: c.claimId,
        status: 'refused',
        rule: o.rule,
        reason: o.reason,
        conflictsWith: o.conflictsWith,
      };
    }
    return { claimId: c.claimId, status: 'submitted' };
  });
  return [
    {
      type: 'SeatApplicationChecked',
      data: {
        processId: state.applicationId,
        applicationId: state.applicationId,
        ...registration,
        results,
      },
    },
  ];
}

export interface FileEvidenceCommand {
  processId: string;
  filedOn: BusinessDate;
  claims: { claimId: string; wageMonths: Month[]; insuranceMonths: Month[] }[];
}

/** R-SEAT-2: more evidence, for later tranches; the new months go through R-SEAT-6 on the person. */
export function decideFileEvidence(
  state: SeatApplicationState,
  cmd: FileEvidenceCommand,
): SeatApplicationEvent[] {
  requireApplication(state, cmd.processId);
  requireSettled(state);
  if (cmd.filedOn < state.submittedOn) {
    throw ruleViolation(
      'R-SEAT-2',
      `evidence filed on ${cmd.filedOn} predates the application (${state.submittedOn})`,
    );
  }
  const seen = new Set<string>();
  const claims = cmd.claims.map((c, i) => {
    const claim = requireClaim(state, c.claimId);
    if (seen.has(c.claimId)) throw invalidInput(`claims.${i}.claimId`, 'named twice');
    seen.add(c.claimId);
    if (claim.status !== 'submitted' && claim.status !== 'approved') {
      throw ruleViolation(
        'R-SEAT-2',
        `claim ${c.claimId} is ${claim.status}; evidence can be added only to a live claim`,
      );
    }
    const late = evidenceMonthsRule(c.wageMonths, c.insuranceMonths, cmd.filedOn);
    if (late) throw refused(late, { field: `claims.${i}` });
    // Wages filed now may pair with insurance filed earlier, so qualify over all of it.
    const all = qualifyingMonths(
      [...claim.wageMonths, ...c.wageMonths],
      [...claim.insuranceMonths, ...c.insuranceMonths],
      cmd.filedOn,
    );
    const have = new Set(claim.months);
    return { ...c, newMonths: all.filter((m) => !have.has(m)) };
  });
  return [
    {
      type: 'EvidenceFiled',
      data: {
        processId: cmd.processId,
        applicationId: state.applicationId,
        filedOn: cmd.filedOn,
        claims,
      },
    },
  ];
}

export function decideCompleteEvidence(
  state: SeatApplicationState,
  processId: string,
  filedOn: BusinessDate,
  claims: readonly { claimId: string; newMonths: Month[] }[],
  outcomes: ReadonlyMap<string, StepOutcome>,
): SeatApplicationEvent[] {
  if (!state.openProcesses.has(processId)) return [];
  const results: EvidenceResult[] = claims.map((c) => {
    const o = outcomes.get(c.claimId);
    if (o?.status === 'refused') {
      return {
        claimId: c.claimId,
        status: 'refused',
        addedMonths: [],
        rule: o.rule,
        reason: o.reason,
        conflictsWith: o.conflictsWith,
      };
    }
    return { claimId: c.claimId, status: 'accepted', addedMonths: c.newMonths };
  });
  return [
    {
      type: 'EvidenceChecked',
      data: { processId, applicationId: state.applicationId, filedOn, results },
    },
  ];
}

export interface ReviewApplicationCommand {
  processId: string;
  reviewedBy: string;
  decidedOn: BusinessDate;
  decisions: { claimId: string; approve: boolean; reason?: string }[];
}

/** ReviewApplication: approve or reject submitted claims; a rejection needs a reason. */
export function decideReviewApplication(
  state: SeatApplicationState,
  cmd: ReviewApplicationCommand,
): SeatApplicationEvent[] {
  requireApplication(state, state.applicationId);
  requireSettled(state);
  if (cmd.decisions.length === 0)
    throw invalidInput('decisions', 'at least one decision is needed');
  if (cmd.decidedOn < state.submittedOn) {
    throw invalidInput(
      'decidedOn',
      `the review cannot predate the application (${state.submittedOn})`,
    );
  }
  const seen = new Set<string>();
  cmd.decisions.forEach((d, i) => {
    const claim = requireClaim(state, d.claimId);
    if (seen.has(d.claimId)) throw invalidInput(`decisions.${i}.claimId`, 'named twice');
    seen.add(d.claimId);
    if (!d.approve && !d.reason?.trim())
      throw invalidInput(`decisions.${i}.reason`, 'a rejection needs a reason');
    if (claim.status === 'refused') {
      throw ruleViolation(
        claim.rule ?? 'R-SEAT-6',
        `claim ${d.claimId} was refused at submission: ${claim.reason}`,
      );
    }
    if (claim.status !== 'submitted')
      throw conflict(`claim ${d.claimId} is already ${claim.status}`);
  });
  return [
    {
      type: 'ApplicationReviewed',
      data: {
        processId: cmd.processId,
        applicationId: state.applicationId,
        reviewedBy: cmd.reviewedBy,
        decidedOn: cmd.decidedOn,
        decisions: cmd.decisions,
      },
    },
  ];
}

export function rejectedClaimsOf(
  state: SeatApplicationState,
  processId: string,
  reviewEvent: SeatApplicationEvent,
): string[] {
  if (reviewEvent.type !== 'ApplicationReviewed' || reviewEvent.data.processId !== processId)
    return [];
  return reviewEvent.data.decisions.filter((d) => !d.approve).map((d) => d.claimId);
}

export function decideCompleteRejectedReleases(
  state: SeatApplicationState,
  processId: string,
  claimIds: string[],
): SeatApplicationEvent[] {
  if (!state.openProcesses.has(processId)) return [];
  return [
    {
      type: 'RejectedClaimsReleased',
      data: { processId, applicationId: state.applicationId, claimIds },
    },
  ];
}

export interface StartTrancheApprovalCommand {
  tranche: number;
  decidedOn: BusinessDate;
  approvedBy: string;
}

function firstTrancheApprovedOn(state: SeatApplicationState): BusinessDate | undefined {
  return state.tranches.get(trancheIdOf(state.applicationId, 1))?.decidedOn;
}

/** R-FRAUD: a suspended enterprise gets no approval and no payment (423). */
function requireNotSuspended(
  standing: EnterpriseStanding,
  action: 'approve tranches' | 'record payments',
): void {
  const refusal = enterpriseSuspensionRule(standing, action);
  if (refusal) {
    throw suspendedError(refusal.reason, refusal.rule, {
      suspendedBy: [...standing.suspendedByCaseIds],
    });
  }
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
  const m1 = state.firstTrancheMonths ?? policy.seat.firstTrancheMonths;
  const candidates: TrancheClaimRef[] = [];
  const refusedClaims: RefusedClaim[] = [];
  for (const claim of eligibleClaims(state, cmd.tranche, previous)) {
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
  const amountFen = included.reduce((sum, c) => sum + c.amountFen, 0);
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

export function requireTranche(state: SeatApplicationState, trancheId: string): TrancheState {
  const t = state.tranches.get(trancheId);
  if (!state.exists || !t) throw notFound(`tranche ${trancheId}`);
  return t;
}

/** A tranche that can be put on a notice: approved, not yet published. */
export function checkPublishable(
  state: SeatApplicationState,
  trancheId: string,
  startsOn: BusinessDate,
): TrancheState {
  const t = requireTranche(state, trancheId);
  if (t.status !== 'approved')
    throw conflict(`tranche ${trancheId} is still being approved; retry shortly`);
  if (t.publicity)
    throw conflict(`tranche ${trancheId} is already on notice ${t.publicity.publicityId}`);
  if (startsOn < t.decidedOn) {
    throw ruleViolation(
      'R-PUB',
      `the notice cannot start before tranche ${trancheId} was approved (${t.decidedOn})`,
    );
  }
  if (currentTrancheAmountFen(t) === 0)
    throw ruleViolation('R-PUB', `tranche ${trancheId} pays nobody`);
  return t;
}

/** Step of a publicity: links the tranche to its notice; idempotent. */
export function decidePublicizeTranche(
  state: SeatApplicationState,
  cmd: { trancheId: string; publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate },
): SeatApplicationEvent[] {
  const t = state.tranches.get(cmd.trancheId);
  if (!t || t.publicity) return [];
  return [{ type: 'TranchePublicized', data: { applicationId: state.applicationId, ...cmd } }];
}

/** Step of an upheld objection: takes the claim out of its unpaid tranche. */
export function decideWithdrawClaim(
  state: SeatApplicationState,
  cmd: {
    trancheId: string;
    claimId: string;
    withdrawnOn: BusinessDate;
    objectionId: string;
    publicityId: string;
  },
): SeatApplicationEvent[] {
  const t = state.tranches.get(cmd.trancheId);
  if (!t || t.disbursement || t.withdrawn.has(cmd.claimId)) return [];
  const included = t.included.find((c) => c.claimId === cmd.claimId);
  if (!included) return [];
  return [
    {
      type: 'ClaimWithdrawnFromTranche',
      data: {
        applicationId: state.applicationId,
        enterpriseId: state.enterpriseId,
        trancheId: cmd.trancheId,
        claimId: cmd.claimId,
        personKey: included.personKey,
        reservationId: included.reservationId,
        amountFen: included.amountFen,
        withdrawnOn: cmd.withdrawnOn,
        cause: { kind: 'objection', id: cmd.objectionId, publicityId: cmd.publicityId },
      },
    },
  ];
}

export interface RecordDisbursementCommand {
  disbursementId: string;
  trancheId: string;
  paidOn: BusinessDate;
  amountFen: Fen;
  bankRef: string;
  paidBy: string;
}

/**
 * RecordDisbursement: R-FRAUD (suspension), R-SOD, R-PUB, R-PAY and R-SEAT-4
 * on the tranche. The bank reference's uniqueness is decided on its own stream
 * before this is appended.
 */
export function checkDisbursement(
  state: SeatApplicationState,
  cmd: RecordDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  policy: PolicyVersion,
  standing: EnterpriseStanding,
): TrancheState {
  const t = requireTranche(state, cmd.trancheId);
  requireNotSuspended(standing, 'record payments');
  const sod = segregationOfDutiesRule(cmd.paidBy, state.reviewerIds, 'record payments');
  if (sod) throw new LedgerError('forbidden', sod.reason, sod.rule);
  if (t.status !== 'approved')
    throw conflict(`tranche ${cmd.trancheId} is still being approved; retry shortly`);
  if (t.disbursement) {
    throw conflict(`tranche ${cmd.trancheId} was already paid (${t.disbursement.disbursementId})`, {
      rule: 'R-PAY',
      disbursementId: t.disbursement.disbursementId,
    });
  }
  if (cmd.paidOn < t.decidedOn) {
    throw ruleViolation(
      'R-PAY',
      `a payment cannot predate its tranche's approval (${t.decidedOn})`,
    );
  }
  const pub = paymentAfterPublicityRule(publicity, cmd.paidOn);
  if (pub) throw refused(pub);
  const amount = paymentAmountRule(cmd.amountFen, currentTrancheAmountFen(t));
  if (amount) throw refused(amount);
  const windowRefusal = trancheWindowRule(
    firstTrancheApprovedOn(state),
    cmd.paidOn,
    policy,
    'payment',
  );
  if (windowRefusal) throw refused(windowRefusal);
  return t;
}

export function decideRecordDisbursement(
  state: SeatApplicationState,
  cmd: RecordDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  policy: PolicyVersion,
  standing: EnterpriseStanding,
): SeatApplicationEvent[] {
  checkDisbursement(state, cmd, publicity, policy, standing);
  return [
    {
      type: 'TrancheDisbursed',
      data: {
        applicationId: state.applicationId,
        enterpriseId: state.enterpriseId,
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

// ------------------------------------------------------------------ R-FRAUD

/**
 * Before a finding is recorded on its case: the claim exists, is the case
 * enterprise's, is approved, and is not false already (falseClaimRule).
 */
export function checkFalseClaim(
  state: SeatApplicationState,
  claimId: string,
  caseEnterpriseId: string,
): ClaimState {
  if (!state.exists) throw notFound(`claim ${claimId}`);
  const claim = requireClaim(state, claimId);
  const refusal = falseClaimRule(
    {
      claimId,
      enterpriseId: state.enterpriseId,
      status: claim.status,
      foundFalse: claim.foundFalse,
    },
    caseEnterpriseId,
  );
  if (refusal?.kind === 'conflict') throw ruleConflict(refusal.rule, refusal.reason);
  if (refusal) throw ruleViolation(refusal.rule, refusal.reason);
  requireNoApprovalUnderway(state, claimId);
  return claim;
}

/** A tranche still being approved may yet include the claim: its finding waits for it. */
function requireNoApprovalUnderway(state: SeatApplicationState, claimId: string): void {
  for (const t of state.tranches.values()) {
    if (t.status === 'approving' && t.candidates.some((c) => c.claimId === claimId)) {
      throw conflict(
        `tranche ${t.trancheId} is still being approved for claim ${claimId}; retry shortly`,
      );
    }
  }
}

/** Every tranche that included the claim, as the clawback rule needs it. */
export function claimInTranches(state: SeatApplicationState, claimId: string): ClaimInTranche[] {
  const out: ClaimInTranche[] = [];
  for (const t of [...state.tranches.values()].sort((a, b) => a.tranche - b.tranche)) {
    const included = t.included.find((c) => c.claimId === claimId);
    if (!included) continue;
    out.push({
      trancheId: t.trancheId,
      reservationId: included.reservationId,
      amountFen: included.amountFen,
      withdrawn: t.withdrawn.has(claimId),
      disbursement: t.disbursement && {
        disbursementId: t.disbursement.disbursementId,
        paidOn: t.disbursement.paidOn,
        bankRef: t.disbursement.bankRef,
      },
    });
  }
  return out;
}

export interface FindClaimFalseCommand {
  caseId: string;
  findingId: string;
  claimId: string;
  foundOn: BusinessDate;
}

/**
 * A step of a finding (R-FRAUD), idempotent: the claim is marked false, its
 * approved-but-unpaid amounts leave their tranches (cause `finding`) and each
 * paid amount is assessed as a clawback, all in one append. A claim another
 * finding already marked is left alone (no money is clawed back twice). A
 * tranche still being approved for the claim makes the step wait (409).
 */
export function decideFindClaimFalse(
  state: SeatApplicationState,
  cmd: FindClaimFalseCommand,
): SeatApplicationEvent[] {
  const claim = requireClaim(state, cmd.claimId);
  if (claim.foundFalse) return [];
  requireNoApprovalUnderway(state, cmd.claimId);
  const { clawbacks, cancellations } = clawbackRule(claimInTranches(state, cmd.claimId));
  const common = { applicationId: state.applicationId, enterpriseId: state.enterpriseId };
  const events: SeatApplicationEvent[] = [{ type: 'ClaimFoundFalse', data: { ...common, ...cmd } }];
  for (const c of cancellations) {
    events.push({
      type: 'ClaimWithdrawnFromTranche',
      data: {
        ...common,
        trancheId: c.trancheId,
        claimId: cmd.claimId,
        personKey: claim.personKey,
        reservationId: c.reservationId,
        amountFen: c.amountFen,
        withdrawnOn: cmd.foundOn,
        cause: { kind: 'finding', id: cmd.findingId, caseId: cmd.caseId },
      },
    });
  }
  for (const c of clawbacks) {
    events.push({
      type: 'ClawbackAssessed',
      data: {
        ...common,
        caseId: cmd.caseId,
        findingId: cmd.findingId,
        clawbackId: clawbackIdOf(c.disbursement.disbursementId, cmd.claimId),
        claimId: cmd.claimId,
        personKey: claim.personKey,
        trancheId: c.trancheId,
        reservationId: c.reservationId,
        disbursementId: c.disbursement.disbursementId,
        paidOn: c.disbursement.paidOn,
        bankRef: c.disbursement.bankRef,
        amountFen: c.amountFen,
        assessedOn: cmd.foundOn,
      },
    });
  }
  return events;
}

/** What a finding did to a claim, read back from the application state after its step. */
export function falseClaimOutcome(
  state: SeatApplicationState,
  claimId: string,
  ref: { caseId: string; findingId: string },
): FalseClaimOutcome {
  const claim = requireClaim(state, claimId);
  const by = claim.foundFalse ?? ref;
  const foundFalseBy = { caseId: by.caseId, findingId: by.findingId };
  const base = {
    claimId,
    applicationId: state.applicationId,
    personKey: claim.personKey,
    personIdMasked: claim.personIdMasked,
    foundFalseBy,
  };
  if (by.findingId !== ref.findingId) return { ...base, status: 'alreadyFalse', tranches: [] };
  const tranches: FalseClaimTranche[] = [];
  for (const t of [...state.tranches.values()].sort((a, b) => a.tranche - b.tranche)) {
    const included = t.included.find((c) => c.claimId === claimId);
    if (!included) continue;
    const clawback = t.clawbacks.get(claimId);
    const cancelled = t.withdrawnBy.get(claimId) === 'finding';
    if (!clawback && !cancelled) continue; // left the tranche before (an upheld objection)
    const entry: FalseClaimTranche = {
      trancheId: t.trancheId,
      reservationId: included.reservationId,
      approvedFen: included.amountFen,
      cancelledFen: cancelled ? (t.withdrawn.get(claimId) ?? 0) : 0,
    };
    if (clawback && t.disbursement) {
      entry.payment = {
        disbursementId: t.disbursement.disbursementId,
        bankRef: t.disbursement.bankRef,
        paidOn: t.disbursement.paidOn,
        amountFen: clawback.amountFen,
        clawbackId: clawback.clawbackId,
      };
    }
    tranches.push(entry);
  }
  return { ...base, status: 'found', tranches };
}
