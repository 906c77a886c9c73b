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
  notFound,
  openPaidInFullOf,
  PaymentUse,
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
import { LedgerDeps } from '../ledger-deps';
import { laterPosition, LoadedStream, loadStream, runOnStream } from '../stream-command';
import {
  enterpriseFold,
  internshipFold,
  publicityFold,
  schoolFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';
import { finishPaidInFull } from './seats-held.process';

/**
 * How each programme's tranche is paid (seat, site, internship): the stream
 * that owns it, the checks before the bank reference is claimed, and the
 * payment event after. `recordDisbursement` (disbursement.process.ts) and
 * payment batches go through `tranchePayment`.
 */
export interface DisbursementInput {
  disbursementId: string;
  trancheId: string;
  paidOn: string;
  amountFen: number;
  bankRef: string;
}

/** The bank reference's use a payment claims: the same whether it is written in one append or step by step. */
export function paymentUseOf(input: DisbursementInput, paidBy: string): PaymentUse {
  return {
    kind: 'payment',
    bankRef: input.bankRef,
    disbursementId: input.disbursementId,
    trancheId: input.trancheId,
    amountFen: input.amountFen,
    paidOn: input.paidOn,
    processId: input.disbursementId,
    paidBy,
  };
}

async function publicityOf(
  deps: LedgerDeps,
  publicityId: string | undefined,
  trancheId: string,
): Promise<PublicityForPayment | undefined> {
  return (await publicityRead(deps, publicityId, trancheId))?.view;
}

/** The notice as a payment sees it, with the revision it was read at. */
async function publicityRead(
  deps: LedgerDeps,
  publicityId: string | undefined,
  trancheId: string,
): Promise<PublicityRead | undefined> {
  if (!publicityId) return undefined;
  const stream = streams.publicity(publicityId);
  const { state, revision } = await loadStream(deps.store, stream, publicityFold);
  return { stream, revision, view: publicityForPayment(state, trancheId) };
}

export interface PublicityRead {
  stream: string;
  revision: number | 'no_stream';
  view: PublicityForPayment | undefined;
}

/**
 * What a seat payment's `check` read and decided on: the payment, its
 * clearance and its bank reference can then be written in one append that
 * expects every one of these streams at the revision read
 * (disbursement-in-one.process.ts).
 */
export interface SeatCheckedReads {
  tranche: LoadedStream<SeatApplicationState>;
  party: LoadedStream<EnterpriseState>;
  publicity: PublicityRead | undefined;
  standing: ReturnType<typeof standingOf>;
  policy: EffectivePolicy['policy'];
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
  /**
   * A seat's: what `check` read, for the payment written in one append with
   * its clearance and bank reference. Taken once, and with it the reads
   * `takePartyRead` and `record` would reuse: a fallback reads afresh.
   */
  takeCheckedReads?(): SeatCheckedReads | undefined;
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
  let checked: SeatCheckedReads | undefined;
  const payment: TranchePayment = {
    policyVersion: undefined,
    party: () => ({ kind: 'enterprise', id: enterpriseId }),
    takePartyRead: () => take(partyRead, () => (partyRead = undefined)),
    takeCheckedReads: () =>
      take(checked, () => {
        checked = undefined;
        appRead = undefined;
        partyRead = undefined;
      }),
    async check() {
      const read = await loadStream(deps.store, stream, seatApplicationFold);
      const app = read.state;
      enterpriseId = app.enterpriseId;
      publicityId = app.tranches.get(cmd.trancheId)?.publicity?.publicityId;
      const notice = await publicityRead(deps, publicityId, cmd.trancheId);
      const publicity = notice?.view;
      const { standing, effective, loaded } = await enterpriseOn(
        deps,
        app.enterpriseId,
        cmd.paidOn,
      );
      payment.policyVersion = effective.policyVersion;
      appRead = read;
      partyRead = loaded;
      const t = checkDisbursement(app, cmd, publicity, effective.policy, standing);
      checked = {
        tranche: read,
        party: loaded,
        publicity: notice,
        standing,
        policy: effective.policy,
      };
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
