import { randomUUID } from 'node:crypto';
import {
  decideClearEnterpriseTranche,
  decideRecordDisbursement,
  decideSettleBankReference,
  decideUseBankReference,
  LedgerError,
  openPaidInFullOf,
  streams,
} from '@ledger/domain';
import { ConcurrencyError, StreamAppend } from '@ledger/event-store/event-store.port';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { loadStream, sealedOn } from '../stream-command';
import { bankReferenceFold, seatApplicationFold } from '../stream-decider';
import { bankReferenceStream } from './bank-reference.process';
import { DisbursementInput, paymentUseOf, TranchePayment } from './tranche-payment';

/**
 * A seat payment in one all-or-nothing append (issue #14's statement): the
 * clearance on the enterprise's stream, the bank reference claimed and
 * confirmed, and the payment on the application's stream, each decided on
 * what the check has just read, and the notice's stream expected unchanged
 * (R-PUB). Every stream read to decide is expected at the revision read, so
 * anything written since (a suspension, an objection, another payment of the
 * tranche or of the reference) refuses the whole append and nothing of it is
 * written; the caller then goes the step-by-step way of ADR 0002 on fresh
 * reads, which decides and answers exactly as before. So does any case this
 * does not cover (a store without `appendAll`, a refusal, a use resumed, the
 * last tranche's release of seats): undefined.
 *
 * A crash leaves the whole payment or nothing of it: no open claim to
 * recover.
 */
export async function payInOneAppend(
  deps: LedgerDeps,
  ctx: CommandContext,
  input: DisbursementInput,
  payment: TranchePayment,
  trancheAlreadyPaidWith: string | undefined,
): Promise<Written<{ disbursementId: string }> | undefined> {
  const store = deps.store;
  if (!store.appendAll || !payment.takeCheckedReads) return undefined;
  const reads = payment.takeCheckedReads();
  if (!reads) return undefined;
  const refStream = bankReferenceStream(input.bankRef);
  const ref = await loadStream(store, refStream, bankReferenceFold);
  const use = paymentUseOf(input, ctx.actorId);
  const grant = {
    clearanceId: randomUUID(),
    action: 'pay' as const,
    trancheId: input.trancheId,
    grantedOn: input.paidOn,
  };
  const policyVersion = payment.policyVersion;
  let parts: StreamAppend[];
  try {
    const cleared = decideClearEnterpriseTranche(reads.party.state, grant);
    const claimed = decideUseBankReference(ref.state, use, trancheAlreadyPaidWith).events;
    const refClaimed = claimed.reduce(bankReferenceFold.evolve, ref.state);
    const paid = decideRecordDisbursement(
      reads.tranche.state,
      { ...input, paidBy: ctx.actorId, clearanceId: grant.clearanceId },
      reads.publicity?.view,
      reads.policy,
      reads.standing,
    );
    const settled = decideSettleBankReference(refClaimed, {
      processId: input.disbursementId,
      recorded: true,
      reason: '',
    });
    const appPaid = paid.reduce(seatApplicationFold.evolve, reads.tranche.state);
    if (cleared.length === 0 || claimed.length === 0 || paid.length === 0) return undefined;
    if (settled.length === 0 || openPaidInFullOf(appPaid, input.trancheId).length > 0) {
      return undefined;
    }
    const enterpriseStream = streams.enterprise(reads.party.state.enterpriseId);
    const applicationStream = streams.seatApplication(reads.tranche.state.applicationId);
    parts = [
      {
        stream: enterpriseStream,
        expected: reads.party.revision,
        events: sealedOn(enterpriseStream, reads.party, cleared, () =>
          metadataFor(ctx, input.paidOn, undefined, input.trancheId),
        ),
      },
      {
        stream: refStream,
        expected: ref.revision,
        events: sealedOn(refStream, ref, [...claimed, ...settled], (e) =>
          e.type === 'BankReferenceUsed'
            ? metadataFor(ctx, input.paidOn, policyVersion)
            : metadataFor(ctx, input.paidOn, undefined, input.disbursementId),
        ),
      },
      {
        stream: applicationStream,
        expected: reads.tranche.revision,
        events: sealedOn(applicationStream, reads.tranche, paid, () =>
          metadataFor(ctx, input.paidOn, policyVersion),
        ),
      },
    ];
    if (reads.publicity) {
      parts.push({
        stream: reads.publicity.stream,
        expected: reads.publicity.revision,
        events: [],
      });
    }
  } catch (err) {
    if (err instanceof LedgerError) return undefined; // decided again, step by step, on fresh reads
    throw err;
  }
  try {
    const results = await store.appendAll(parts);
    return {
      result: { disbursementId: input.disbursementId },
      position: Math.max(...results.map((r) => r.position)),
    };
  } catch (err) {
    if (err instanceof ConcurrencyError) return undefined;
    throw err;
  }
}
