import {
  CaseParty,
  checkDisbursement,
  checkInternshipDisbursement,
  checkSiteDisbursement,
  decideRecordDisbursement,
  decideRecordInternshipDisbursement,
  decideRecordSiteDisbursement,
  EffectivePolicy,
  EnterpriseState,
  LedgerError,
  notFound,
  PaymentUse,
  openPaidInFullOf,
  PublicityForPayment,
  publicityForPayment,
  policyFor,
  SchoolState,
  schoolStandingOf,
  SeatApplicationState,
  standingOf,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { clearTranche } from '../standing/tranche-clearance';
import { laterPosition, LoadedStream, loadStream, runOnStream } from '../stream-command';
import {
  enterpriseFold,
  internshipFold,
  publicityFold,
  schoolFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';
import { claimBankReference, settleBankReference } from './bank-reference.process';
import { finishPaidInFull } from './seats-held.process';

export interface DisbursementInput {
  disbursementId: string;
  trancheId: string;
  paidOn: string;
  amountFen: number;
  bankRef: string;
}

async function publicityOf(
  deps: LedgerDeps,
  publicityId: string | undefined,
  trancheId: string,
): Promise<PublicityForPayment | undefined> {
  if (!publicityId) return undefined;
  const { state } = await loadStream(deps.store, streams.publicity(publicityId), publicityFold);
  return publicityForPayment(state, trancheId);
}

/** R-FRAUD standing and R-POL/R-SPECIAL parameters of an enterprise, from its own stream. */
async function enterpriseOn(deps: LedgerDeps, enterpriseId: string, date: string) {
  const loaded = await loadStream(deps.store, streams.enterprise(enterpriseId), enterpriseFold);
  const effective: EffectivePolicy = policyFor(deps.policies, loaded.state, date);
  return { standing: standingOf(loaded.state, enterpriseId), effective, loaded };
}

/** R-FRAUD standing of a school, from its own stream (a case may suspend a school). */
async function schoolStanding(deps: LedgerDeps, schoolId: string) {
  return (await schoolRead(deps, schoolId)).standing;
}

async function schoolRead(deps: LedgerDeps, schoolId: string) {
  const loaded = await loadStream(deps.store, streams.school(schoolId), schoolFold);
  return { standing: schoolStandingOf(loaded.state, schoolId), loaded };
}

/**
 * How one programme's tranche is paid: its stream, the checks of R-FRAUD,
 * R-SOD, R-PUB and R-PAY (plus R-SEAT-4 for a seat) before the bank reference
 * is claimed, and the payment event after. Every programme goes through the
 * same `recordDisbursement` below.
 */
export interface TranchePayment {
  /** Checks the tranche as it is now; returns the disbursement it was already paid with. */
  check(): Promise<{ paidWith: string | undefined }>;
  /** The payee, known once `check` has read the tranche: its stream holds the clearance (ADR 0014). */
  party(): CaseParty;
  /**
   * The payee's stream as `check` read it: the clearance decides on it first
   * (its expected revision guards it, stream-command.ts). Taken once.
   */
  takePartyRead(): LoadedStream<EnterpriseState> | LoadedStream<SchoolState> | undefined;
  /** Appends the payment, deciding again on the stream as it is then. */
  record(
    disbursementId: string,
    publicity: PublicityForPayment | undefined,
    clearanceId: string,
  ): Promise<number | undefined>;
  /** The notice the tranche is on, read again just before the payment is written. */
  publicityNow(): Promise<PublicityForPayment | undefined>;
  /** The disbursement the tranche is paid with now, without any check. */
  paidWith(): Promise<string | undefined>;
  policyVersion: string | undefined;
}

function seatPayment(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  cmd: DisbursementInput & { paidBy: string },
): TranchePayment {
  const stream = streams.seatApplication(applicationId);
  let publicityId: string | undefined;
  let enterpriseId = '';
  // What `check` read, for the first attempt of the writes after it (taken once).
  let appRead: LoadedStream<SeatApplicationState> | undefined;
  let partyRead: LoadedStream<EnterpriseState> | undefined;
  const payment: TranchePayment = {
    policyVersion: undefined,
    party: () => ({ kind: 'enterprise', id: enterpriseId }),
    takePartyRead: () => take(partyRead, () => (partyRead = undefined)),
    async check() {
      const read = await loadStream(deps.store, stream, seatApplicationFold);
      const app = read.state;
      enterpriseId = app.enterpriseId;
      publicityId = app.tranches.get(cmd.trancheId)?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      const { standing, effective, loaded } = await enterpriseOn(
        deps,
        app.enterpriseId,
        cmd.paidOn,
      );
      payment.policyVersion = effective.policyVersion;
      appRead = read;
      partyRead = loaded;
      const t = checkDisbursement(app, cmd, publicity, effective.policy, standing);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
    async paidWith() {
      const { state } = await loadStream(deps.store, stream, seatApplicationFold);
      return state.tranches.get(cmd.trancheId)?.disbursement?.disbursementId;
    },
    async record(disbursementId, publicity, clearanceId) {
      const paid = await runOnStream(
        deps.store,
        stream,
        seatApplicationFold,
        async (s) => {
          // The state may have moved on since the check (an objection, another
          // payment, a suspension): decide again on it.
          const { standing, effective } = await enterpriseOn(deps, s.enterpriseId, cmd.paidOn);
          return decideRecordDisbursement(
            s,
            { ...cmd, disbursementId, clearanceId },
            publicity,
            effective.policy,
            standing,
          );
        },
        () => metadataFor(ctx, cmd.paidOn, payment.policyVersion),
        take(appRead, () => (appRead = undefined)),
      );
      // R-SEAT-8: the last tranche pays its claims in full: their seats are released.
      if (openPaidInFullOf(paid.state, cmd.trancheId).length === 0) return paid.position;
      const finished = await finishPaidInFull(deps, ctx, applicationId, cmd.trancheId);
      return laterPosition(paid.position, finished.position);
    },
  };
  return payment;
}

function sitePayment(
  deps: LedgerDeps,
  ctx: CommandContext,
  siteId: string,
  cmd: DisbursementInput & { paidBy: string },
): TranchePayment {
  const stream = streams.site(siteId);
  let publicityId: string | undefined;
  let enterpriseId = '';
  let partyRead: LoadedStream<EnterpriseState> | undefined;
  const payment: TranchePayment = {
    policyVersion: undefined,
    party: () => ({ kind: 'enterprise', id: enterpriseId }),
    takePartyRead: () => take(partyRead, () => (partyRead = undefined)),
    async check() {
      const { state: site } = await loadStream(deps.store, stream, siteFold);
      if (!site.exists) throw notFound(`tranche ${cmd.trancheId}`);
      enterpriseId = site.enterpriseId;
      publicityId = site.tranches.get(cmd.trancheId)?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      const { standing, effective, loaded } = await enterpriseOn(
        deps,
        site.enterpriseId,
        cmd.paidOn,
      );
      payment.policyVersion = effective.policyVersion;
      partyRead = loaded;
      const t = checkSiteDisbursement(site, cmd, publicity, standing);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
    async paidWith() {
      const { state } = await loadStream(deps.store, stream, siteFold);
      return state.tranches.get(cmd.trancheId)?.disbursement?.disbursementId;
    },
    async record(disbursementId, publicity, clearanceId) {
      const paid = await runOnStream(
        deps.store,
        stream,
        siteFold,
        async (s) => {
          const { standing } = await enterpriseOn(deps, s.enterpriseId, cmd.paidOn);
          return decideRecordSiteDisbursement(
            s,
            { ...cmd, disbursementId, clearanceId },
            publicity,
            standing,
          );
        },
        () => metadataFor(ctx, cmd.paidOn, payment.policyVersion),
      );
      return paid.position;
    },
  };
  return payment;
}

function internshipPayment(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  cmd: DisbursementInput & { paidBy: string },
): TranchePayment {
  const stream = streams.internshipApplication(applicationId);
  let publicityId: string | undefined;
  let schoolId = '';
  let partyRead: LoadedStream<SchoolState> | undefined;
  const payment: TranchePayment = {
    policyVersion: deps.policies.inForceOn(cmd.paidOn).id,
    party: () => ({ kind: 'school', id: schoolId }),
    takePartyRead: () => take(partyRead, () => (partyRead = undefined)),
    async check() {
      const { state: app } = await loadStream(deps.store, stream, internshipFold);
      if (!app.exists) throw notFound(`tranche ${cmd.trancheId}`);
      schoolId = app.schoolId;
      publicityId = app.tranche?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      // R-FRAUD (amended): a case may suspend the school.
      const { standing, loaded } = await schoolRead(deps, app.schoolId);
      partyRead = loaded;
      const t = checkInternshipDisbursement(app, cmd, publicity, standing);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
    async paidWith() {
      const { state } = await loadStream(deps.store, stream, internshipFold);
      return state.tranche?.trancheId === cmd.trancheId
        ? state.tranche.disbursement?.disbursementId
        : undefined;
    },
    async record(disbursementId, publicity, clearanceId) {
      const paid = await runOnStream(
        deps.store,
        stream,
        internshipFold,
        async (s) =>
          decideRecordInternshipDisbursement(
            s,
            { ...cmd, disbursementId, clearanceId },
            publicity,
            await schoolStanding(deps, s.schoolId),
          ),
        () => metadataFor(ctx, cmd.paidOn, payment.policyVersion),
      );
      return paid.position;
    },
  };
  return payment;
}

/** The tranche's programme says which stream owns it; a payment batch checks with it too. */
export function tranchePayment(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: DisbursementInput & { paidBy: string },
): TranchePayment {
  const ref = trancheRefOf(cmd.trancheId);
  if (!ref) throw notFound(`tranche ${cmd.trancheId}`);
  return ref.programme === 'seat'
    ? seatPayment(deps, ctx, ref.applicationId, cmd)
    : ref.programme === 'site'
      ? sitePayment(deps, ctx, ref.siteId, cmd)
      : internshipPayment(deps, ctx, ref.applicationId, cmd);
}

/** A read handed on once: a retry or a second use reads afresh. */
function take<T>(value: T | undefined, clear: () => void): T | undefined {
  clear();
  return value;
}

/**
 * RecordDisbursement (R-PAY) for every programme, a process on the bank
 * reference (ADR 0002, issue #12): check everything on the tranche first
 * (R-FRAUD suspension of the payee, enterprise or school, R-SOD, R-PUB,
 * R-PAY, and R-SEAT-4 for a seat), then clear the payment on the payee's
 * stream (ADR 0014: a suspension after this revokes it, so the payment is
 * refused rather than recorded after the suspension), claim the reference on
 * its own stream, record the payment (deciding again on the tranche as it is
 * then), and settle the claim: confirmed when the payment was recorded,
 * released when it was refused, so a payment that lost the race to another
 * payment of its tranche (or to a suspension) leaves its reference free. A
 * crash before the settlement leaves the claim open; the same request retried
 * (bank-reference.decider.ts) or recovery (`finishPaymentUse`) finishes it.
 */
export async function recordDisbursement(
  deps: LedgerDeps,
  ctx: CommandContext,
  input: DisbursementInput,
): Promise<Written<{ disbursementId: string }>> {
  const payment = tranchePayment(deps, ctx, { ...input, paidBy: ctx.actorId });
  const { paidWith } = await payment.check();
  const { clearanceId } = await clearTranche(
    deps,
    ctx,
    payment.party(),
    { action: 'pay', trancheId: input.trancheId, on: input.paidOn },
    payment.takePartyRead(),
  );

  const claimed = await claimBankReference(
    deps,
    ctx,
    {
      kind: 'payment',
      bankRef: input.bankRef,
      disbursementId: input.disbursementId,
      trancheId: input.trancheId,
      amountFen: input.amountFen,
      paidOn: input.paidOn,
      processId: input.disbursementId,
      paidBy: ctx.actorId,
    },
    paidWith,
    payment.policyVersion,
  );
  const use = claimed.use as PaymentUse;
  const paid = await payAndSettle(deps, ctx, payment, use, clearanceId);
  if (paid.refusal) throw paid.refusal;
  return {
    result: { disbursementId: use.disbursementId },
    position: laterPosition(claimed.position, paid.position),
  };
}

/** Records the payment a claim backs, then settles the claim with the outcome. */
async function payAndSettle(
  deps: LedgerDeps,
  ctx: CommandContext,
  payment: TranchePayment,
  use: PaymentUse,
  clearanceId: string,
): Promise<{ position: number | undefined; refusal?: LedgerError }> {
  let position: number | undefined;
  try {
    // Read the notice again: an objection may have been raised or upheld since the check.
    position = await payment.record(use.disbursementId, await payment.publicityNow(), clearanceId);
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err; // not decided: the claim stays open for recovery
    const settled = await settleRefused(deps, ctx, payment, use, err.message);
    return { position: settled, refusal: err };
  }
  const settled = await settleBankReference(deps, ctx, use, true, '');
  return { position: laterPosition(position, settled) };
}

/**
 * A refusal releases the reference unless the tranche is paid with this very
 * disbursement (the same transfer sent twice, the other copy recorded it).
 */
async function settleRefused(
  deps: LedgerDeps,
  ctx: CommandContext,
  payment: TranchePayment,
  use: PaymentUse,
  reason: string,
): Promise<number | undefined> {
  const recorded = (await payment.paidWith()) === use.disbursementId;
  return settleBankReference(deps, ctx, use, recorded, reason);
}

/**
 * Recovery of a payment claim left open by a crash (ADR 0002): the same
 * checks and the same payment as the request, as the finance actor who sent
 * it (R-SOD), then the settlement. A tranche paid by another payment, or one
 * that can no longer be paid, releases the reference.
 */
export async function finishPaymentUse(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: PaymentUse,
): Promise<Written<{ disbursementId: string }>> {
  const result = { disbursementId: use.disbursementId };
  const payment = tranchePayment(deps, ctx, {
    disbursementId: use.disbursementId,
    trancheId: use.trancheId,
    paidOn: use.paidOn,
    amountFen: use.amountFen,
    bankRef: use.bankRef,
    paidBy: use.paidBy ?? ctx.actorId,
  });
  // A new clearance on the payee's stream: one taken before the crash may
  // have been revoked by a suspension since (ADR 0014).
  let clearanceId: string;
  try {
    await payment.check();
    ({ clearanceId } = await clearTranche(deps, ctx, payment.party(), {
      action: 'pay',
      trancheId: use.trancheId,
      on: use.paidOn,
    }));
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    return { result, position: await settleRefused(deps, ctx, payment, use, err.message) };
  }
  const paid = await payAndSettle(deps, ctx, payment, use, clearanceId);
  return { result, position: paid.position };
}
