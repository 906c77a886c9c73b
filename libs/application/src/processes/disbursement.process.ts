import { createHash } from 'node:crypto';
import {
  checkDisbursement,
  checkInternshipDisbursement,
  checkSiteDisbursement,
  decideRecordDisbursement,
  decideRecordInternshipDisbursement,
  decideRecordSiteDisbursement,
  decideUseBankReference,
  EffectivePolicy,
  notFound,
  paidInFullProcessIdOf,
  PublicityForPayment,
  publicityForPayment,
  policyFor,
  standingOf,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import {
  bankReferenceFold,
  enterpriseFold,
  internshipFold,
  publicityFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';
import { finishPaidInFull } from './seats-held.process';

export interface DisbursementInput {
  disbursementId: string;
  trancheId: string;
  paidOn: string;
  amountFen: number;
  bankRef: string;
}

/** Bank references are keyed by a hash so that any text a bank uses makes a safe stream name. */
export const bankRefKey = (bankRef: string) =>
  createHash('sha256').update(bankRef, 'utf8').digest('hex').slice(0, 40);

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
  const { state } = await loadStream(deps.store, streams.enterprise(enterpriseId), enterpriseFold);
  const effective: EffectivePolicy = policyFor(deps.policies, state, date);
  return { standing: standingOf(state, enterpriseId), effective };
}

/**
 * How one programme's tranche is paid: its stream, the checks of R-FRAUD,
 * R-SOD, R-PUB and R-PAY (plus R-SEAT-4 for a seat) before the bank reference
 * is claimed, and the payment event after. Every programme goes through the
 * same `recordDisbursement` below.
 */
interface TranchePayment {
  /** Checks the tranche as it is now; returns the disbursement it was already paid with. */
  check(): Promise<{ paidWith: string | undefined }>;
  /** Appends the payment, deciding again on the stream as it is then. */
  record(
    disbursementId: string,
    publicity: PublicityForPayment | undefined,
  ): Promise<number | undefined>;
  /** The notice the tranche is on, read again just before the payment is written. */
  publicityNow(): Promise<PublicityForPayment | undefined>;
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
  const payment: TranchePayment = {
    policyVersion: undefined,
    async check() {
      const { state: app } = await loadStream(deps.store, stream, seatApplicationFold);
      publicityId = app.tranches.get(cmd.trancheId)?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      const { standing, effective } = await enterpriseOn(deps, app.enterpriseId, cmd.paidOn);
      payment.policyVersion = effective.policyVersion;
      const t = checkDisbursement(app, cmd, publicity, effective.policy, standing);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
    async record(disbursementId, publicity) {
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
            { ...cmd, disbursementId },
            publicity,
            effective.policy,
            standing,
          );
        },
        () => metadataFor(ctx, cmd.paidOn, payment.policyVersion),
      );
      // R-SEAT-8: the last tranche pays its claims in full: their seats are released.
      if (!paid.state.openProcesses.has(paidInFullProcessIdOf(cmd.trancheId))) return paid.position;
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
  const payment: TranchePayment = {
    policyVersion: undefined,
    async check() {
      const { state: site } = await loadStream(deps.store, stream, siteFold);
      if (!site.exists) throw notFound(`tranche ${cmd.trancheId}`);
      publicityId = site.tranches.get(cmd.trancheId)?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      const { standing, effective } = await enterpriseOn(deps, site.enterpriseId, cmd.paidOn);
      payment.policyVersion = effective.policyVersion;
      const t = checkSiteDisbursement(site, cmd, publicity, standing);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
    async record(disbursementId, publicity) {
      const paid = await runOnStream(
        deps.store,
        stream,
        siteFold,
        async (s) => {
          const { standing } = await enterpriseOn(deps, s.enterpriseId, cmd.paidOn);
          return decideRecordSiteDisbursement(s, { ...cmd, disbursementId }, publicity, standing);
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
  const payment: TranchePayment = {
    policyVersion: deps.policies.inForceOn(cmd.paidOn).id,
    async check() {
      const { state: app } = await loadStream(deps.store, stream, internshipFold);
      if (!app.exists) throw notFound(`tranche ${cmd.trancheId}`);
      publicityId = app.tranche?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      // A school is not an enterprise: no case suspends it (ADR 0009).
      const t = checkInternshipDisbursement(app, cmd, publicity);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
    async record(disbursementId, publicity) {
      const paid = await runOnStream(
        deps.store,
        stream,
        internshipFold,
        (s) => decideRecordInternshipDisbursement(s, { ...cmd, disbursementId }, publicity),
        () => metadataFor(ctx, cmd.paidOn, payment.policyVersion),
      );
      return paid.position;
    },
  };
  return payment;
}

/**
 * RecordDisbursement (R-PAY) for every programme: check everything on the
 * tranche first (R-FRAUD suspension of an enterprise payee, R-SOD, R-PUB,
 * R-PAY, and R-SEAT-4 for a seat), then claim the bank reference on its own
 * stream, then record the payment. A crash between the last two leaves a
 * claimed reference that the same request, retried, resumes
 * (bank-reference.decider.ts). The tranche id says which stream owns it.
 */
export async function recordDisbursement(
  deps: LedgerDeps,
  ctx: CommandContext,
  input: DisbursementInput,
): Promise<Written<{ disbursementId: string }>> {
  const ref = trancheRefOf(input.trancheId);
  if (!ref) throw notFound(`tranche ${input.trancheId}`);
  const cmd = { ...input, paidBy: ctx.actorId };
  const payment =
    ref.programme === 'seat'
      ? seatPayment(deps, ctx, ref.applicationId, cmd)
      : ref.programme === 'site'
        ? sitePayment(deps, ctx, ref.siteId, cmd)
        : internshipPayment(deps, ctx, ref.applicationId, cmd);
  const { paidWith } = await payment.check();

  const claimed = await runOnStream(
    deps.store,
    streams.bankReference(bankRefKey(input.bankRef)),
    bankReferenceFold,
    (s) =>
      decideUseBankReference(
        s,
        {
          bankRef: input.bankRef,
          disbursementId: input.disbursementId,
          trancheId: input.trancheId,
          amountFen: input.amountFen,
          paidOn: input.paidOn,
        },
        paidWith,
      ).events,
    () => metadataFor(ctx, input.paidOn, payment.policyVersion),
  );
  const disbursementId = claimed.state.used?.disbursementId ?? input.disbursementId;

  // Read the notice again: an objection may have been raised or upheld since the check.
  const position = await payment.record(disbursementId, await payment.publicityNow());
  return { result: { disbursementId }, position: laterPosition(claimed.position, position) };
}
