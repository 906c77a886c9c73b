import { createHash } from 'node:crypto';
import {
  CaseParty,
  checkDisbursement,
  checkInternshipDisbursement,
  checkSiteDisbursement,
  decideRecordDisbursement,
  decideRecordInternshipDisbursement,
  decideRecordSiteDisbursement,
  decideUseBankReference,
  EffectivePolicy,
  notFound,
  PublicityForPayment,
  publicityForPayment,
  policyFor,
  schoolStandingOf,
  standingOf,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { clearTranche } from '../standing/tranche-clearance';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import {
  bankReferenceFold,
  enterpriseFold,
  internshipFold,
  publicityFold,
  schoolFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';

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

/** R-FRAUD standing of a school, from its own stream (a case may suspend a school). */
async function schoolStanding(deps: LedgerDeps, schoolId: string) {
  const { state } = await loadStream(deps.store, streams.school(schoolId), schoolFold);
  return schoolStandingOf(state, schoolId);
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
  /** The payee, known once `check` has read the tranche: its stream holds the clearance (ADR 0010). */
  party(): CaseParty;
  /** Appends the payment, deciding again on the stream as it is then. */
  record(
    disbursementId: string,
    publicity: PublicityForPayment | undefined,
    clearanceId: string,
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
  let enterpriseId = '';
  const payment: TranchePayment = {
    policyVersion: undefined,
    party: () => ({ kind: 'enterprise', id: enterpriseId }),
    async check() {
      const { state: app } = await loadStream(deps.store, stream, seatApplicationFold);
      enterpriseId = app.enterpriseId;
      publicityId = app.tranches.get(cmd.trancheId)?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      const { standing, effective } = await enterpriseOn(deps, app.enterpriseId, cmd.paidOn);
      payment.policyVersion = effective.policyVersion;
      const t = checkDisbursement(app, cmd, publicity, effective.policy, standing);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
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
      );
      return paid.position;
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
  const payment: TranchePayment = {
    policyVersion: undefined,
    party: () => ({ kind: 'enterprise', id: enterpriseId }),
    async check() {
      const { state: site } = await loadStream(deps.store, stream, siteFold);
      if (!site.exists) throw notFound(`tranche ${cmd.trancheId}`);
      enterpriseId = site.enterpriseId;
      publicityId = site.tranches.get(cmd.trancheId)?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      const { standing, effective } = await enterpriseOn(deps, site.enterpriseId, cmd.paidOn);
      payment.policyVersion = effective.policyVersion;
      const t = checkSiteDisbursement(site, cmd, publicity, standing);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
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
  const payment: TranchePayment = {
    policyVersion: deps.policies.inForceOn(cmd.paidOn).id,
    party: () => ({ kind: 'school', id: schoolId }),
    async check() {
      const { state: app } = await loadStream(deps.store, stream, internshipFold);
      if (!app.exists) throw notFound(`tranche ${cmd.trancheId}`);
      schoolId = app.schoolId;
      publicityId = app.tranche?.publicity?.publicityId;
      const publicity = await publicityOf(deps, publicityId, cmd.trancheId);
      // R-FRAUD (amended): a case may suspend the school.
      const standing = await schoolStanding(deps, app.schoolId);
      const t = checkInternshipDisbursement(app, cmd, publicity, standing);
      return { paidWith: t.disbursement?.disbursementId };
    },
    publicityNow: () => publicityOf(deps, publicityId, cmd.trancheId),
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

/**
 * RecordDisbursement (R-PAY) for every programme: check everything on the
 * tranche first (R-FRAUD suspension of the payee, enterprise or school,
 * R-SOD, R-PUB, R-PAY, and R-SEAT-4 for a seat), then clear the payment on
 * the payee's stream (ADR 0010: a suspension after this revokes it, so the
 * payment is refused rather than recorded after the suspension), then claim
 * the bank reference on its own stream, then record the payment. A crash
 * between the last two leaves a claimed reference that the same request,
 * retried, resumes (bank-reference.decider.ts). The tranche id says which
 * stream owns it.
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
  const { clearanceId } = await clearTranche(deps, ctx, payment.party(), {
    action: 'pay',
    trancheId: input.trancheId,
    on: input.paidOn,
  });

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
  const position = await payment.record(disbursementId, await payment.publicityNow(), clearanceId);
  return { result: { disbursementId }, position: laterPosition(claimed.position, position) };
}
