import { LedgerError, returnProcessIdOf, ReturnUse, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { metadataFor } from '../command-context';
import { resumeProcesses } from '../process-recovery';
import { loadStream, runOnStream } from '../stream-command';
import { bankReferenceFold, seatApplicationFold, trancheBatchFold } from '../stream-decider';
import { bankRefKey } from './bank-reference.process';
import { appropriateBudget, readBudget } from './budget.process';
import { openCase } from './case-opening.process';
import { recordDisbursement } from './disbursement.process';
import { finishReturnUse, returnDisbursement } from './disbursement-return.process';
import { verifyPayeeAccount } from './payee-account.process';
import { createPaymentBatch } from './payment-batch.process';
import { recordFinding } from './finding.process';
import { publishedSeatTranche } from '../testing/payable-tranche';
import { thrown } from '../testing/thrown';
import {
  reviewer,
  finance,
  supervisor,
  system,
  sqliteLedgerForTest,
} from '../testing/process-ledger';

/**
 * Returns (退票, issue #14) on a real SQLite event store, the way the API runs
 * them: the tranche is payable again, a return is recorded once whatever
 * races, its bank reference is counted once; and (R-BUDGET) a clawback of a
 * paid tranche releases its commitment.
 */
jest.setTimeout(60_000);

const T = 250_000;

describe('returns of disbursements (退票, issue #14)', () => {
  const ledger = sqliteLedgerForTest('ledger-test-return-', { budgetControl: true });
  let seq = 0;
  const id = (label: string) => `${label}-${++seq}`;

  beforeAll(async () => {
    await appropriateBudget(
      ledger.deps,
      finance,
      { programme: 'seat', fiscalYear: 2023, amountFen: 100 * T, documentRef: '晋财预〔2023〕1号' },
      '2023-01-05',
    );
  });

  const refState = async (bankRef: string) =>
    (await loadStream(ledger.store, streams.bankReference(bankRefKey(bankRef)), bankReferenceFold))
      .state;
  const trancheOf = async (applicationId: string, trancheId: string) =>
    (
      await loadStream(ledger.store, streams.seatApplication(applicationId), seatApplicationFold)
    ).state.tranches.get(trancheId);

  /** A registered enterprise with one claim approved, its tranche 1 published and paid on 2023-03-20. */
  async function paidTranche(
    n: number,
    beforePayment?: (t: { enterpriseId: string; trancheId: string }) => Promise<void>,
  ) {
    const enterpriseId = makeCreditCode(8_300 + n);
    const personId = makeResidentId('140202', '19900101', 300 + n);
    const { applicationId, claimId, trancheId } = await publishedSeatTranche(
      ledger.deps,
      { reviewer, finance },
      { enterpriseId, enterpriseName: `企业 ${n}`, personId, personKey: `pk-r-${n}` },
      id,
    );
    await beforePayment?.({ enterpriseId, trancheId: trancheId });
    const disbursementId = id('dis');
    await recordDisbursement(ledger.deps, finance, {
      disbursementId,
      trancheId,
      paidOn: '2023-03-20',
      amountFen: T,
      bankRef: `PAY-${n}`,
    });
    return { enterpriseId, applicationId, claimId, trancheId, disbursementId };
  }

  const giveBack = (
    p: { disbursementId: string; trancheId: string },
    bankRef: string,
    returnedOn = '2023-03-22',
  ) =>
    returnDisbursement(ledger.deps, finance, {
      disbursementId: p.disbursementId,
      trancheId: p.trancheId,
      returnedOn,
      bankRef,
      reason: '收款账户已销户',
    });

  it('given a paid tranche, when its payment is returned, then the tranche is unpaid and may be paid again with another reference', async () => {
    const p = await paidTranche(1);
    const back = await giveBack(p, 'RET-1');
    expect(back.result).toEqual({
      disbursementId: p.disbursementId,
      trancheId: p.trancheId,
      amountFen: T,
      returnedOn: '2023-03-22',
    });
    const t = await trancheOf(p.applicationId, p.trancheId);
    expect(t?.disbursement).toBeUndefined();
    expect(t?.returned).toEqual([expect.objectContaining({ disbursementId: p.disbursementId })]);
    expect(await refState('RET-1')).toMatchObject({ open: false, used: { kind: 'return' } });

    const again = await recordDisbursement(ledger.deps, finance, {
      disbursementId: id('dis'),
      trancheId: p.trancheId,
      paidOn: '2023-03-25',
      amountFen: T,
      bankRef: 'PAY-1-AGAIN',
    });
    expect((await trancheOf(p.applicationId, p.trancheId))?.disbursement?.disbursementId).toBe(
      again.result.disbursementId,
    );
    // The person's cap stays reserved and the commitment stays: the tranche is still approved.
    expect(
      (await readBudget(ledger.deps, 'seat-2023')).commitments.get(p.trancheId)?.amountFen,
    ).toBe(T);
  });

  it('given a tranche paid by hand while a batch held it, when that payment is returned, then the batch lets it go and a new batch takes it; the return run again leaves the new claim', async () => {
    const claimOf = async (trancheId: string) =>
      (await loadStream(ledger.store, streams.trancheBatch(trancheId), trancheBatchFold)).state
        .live;
    let heldBy = '';
    const p = await paidTranche(9, async ({ enterpriseId, trancheId }) => {
      await verifyPayeeAccount(ledger.deps, reviewer, {
        accountId: id('acc'),
        payeeKind: 'enterprise',
        payeeId: enterpriseId,
        accountName: '企业 9',
        accountNumber: '6222020200112200009',
        bankName: '中国工商银行大同分行',
        bankCode: '102162000023',
        verifiedOn: '2023-03-15',
      });
      const b = await createPaymentBatch(ledger.deps, finance, {
        createdOn: '2023-03-18',
        trancheIds: [trancheId],
      });
      expect(b.result.items.map((i) => i.trancheId)).toEqual([trancheId]);
      heldBy = b.result.batchId;
    });
    expect((await claimOf(p.trancheId))?.batchId).toBe(heldBy);

    await giveBack(p, 'RET-9');
    expect(await claimOf(p.trancheId)).toBeUndefined();
    const again = await createPaymentBatch(ledger.deps, finance, {
      createdOn: '2023-03-23',
      trancheIds: [p.trancheId],
    });
    expect(again.result.items.map((i) => i.trancheId)).toEqual([p.trancheId]);
    expect(again.result.refused).toEqual([]);

    await finishReturnUse(ledger.deps, system, {
      kind: 'return',
      bankRef: 'RET-9',
      processId: returnProcessIdOf(p.disbursementId),
      disbursementId: p.disbursementId,
      trancheId: p.trancheId,
      amountFen: T,
      returnedOn: '2023-03-22',
      reason: '收款账户已销户',
      returnedBy: finance.actorId,
    });
    expect((await claimOf(p.trancheId))?.batchId).toBe(again.result.batchId);
  });

  it('given a returned payment, when it is returned again, then 409 R-PAY; before its payment date 422 R-DATE; an unknown one 404', async () => {
    const p = await paidTranche(2);
    const early = await thrown(giveBack(p, 'RET-2-EARLY', '2023-03-19'));
    expect([early.kind, early.rule]).toEqual(['rule', 'R-DATE']);
    expect(await refState('RET-2-EARLY')).toEqual({});
    await giveBack(p, 'RET-2');
    const twice = await thrown(giveBack(p, 'RET-2-TWICE'));
    expect([twice.kind, twice.details?.rule]).toEqual(['conflict', 'R-PAY']);
    expect(await refState('RET-2-TWICE')).toEqual({});
    const unknown = await thrown(giveBack({ ...p, disbursementId: 'no-such-payment' }, 'RET-X'));
    expect(unknown.kind).toBe('not_found');
  });

  it('given a return whose bank reference a payment already used, when it is recorded, then 409 and the tranche stays paid', async () => {
    const p = await paidTranche(3);
    const reused = await thrown(giveBack(p, 'PAY-3'));
    expect(reused.kind).toBe('conflict');
    expect((await trancheOf(p.applicationId, p.trancheId))?.disbursement?.disbursementId).toBe(
      p.disbursementId,
    );
  });

  it('given one paid tranche, when two returns of its payment race with distinct references, then one is recorded, the other is 409 and its reference is free', async () => {
    const p = await paidTranche(4);
    const refs = ['RACE-RET-A', 'RACE-RET-B'];
    const outcomes = await Promise.allSettled(refs.map((ref) => giveBack(p, ref)));
    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [refs[i]] : []));
    expect(won).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(LedgerError);
    expect((lost.reason as LedgerError).kind).toBe('conflict');
    const t = await trancheOf(p.applicationId, p.trancheId);
    expect(t?.returned).toHaveLength(1);
    expect(t?.returned?.[0].bankRef).toBe(won[0]);
    expect(await refState(won[0])).toMatchObject({ open: false });
    expect(await refState(refs.find((r) => r !== won[0])!)).toEqual({});
  });

  it('given a budgeted paid tranche, when a finding claws it back, then its commitment is released (R-BUDGET, issue #14)', async () => {
    const p = await paidTranche(5);
    const before = await readBudget(ledger.deps, 'seat-2023');
    expect(before.commitments.get(p.trancheId)?.amountFen).toBe(T);
    const caseId = id('case');
    await openCase(ledger.deps, supervisor, {
      caseId,
      enterpriseId: p.enterpriseId,
      openedOn: '2023-04-01',
      reason: 'spot check',
      suspend: false,
    });
    await recordFinding(ledger.deps, supervisor, caseId, {
      findingId: id('f'),
      foundOn: '2023-04-10',
      note: 'forged payroll',
      falseClaimIds: [p.claimId],
    });
    const after = await readBudget(ledger.deps, 'seat-2023');
    expect(after.commitments.get(p.trancheId)?.amountFen).toBe(0);
    expect(after.committedFen).toBe(before.committedFen - T);
    // The release names the payment's day: paid comes down in that year's budget (ADR 0021).
    const released = (await ledger.store.readStream(streams.budget('seat-2023'))).filter(
      (e) => e.type === 'BudgetCommitmentReleased' && e.data.trancheId === p.trancheId,
    );
    expect(released.map((e) => e.data.cause)).toEqual([
      { kind: 'clawback', id: expect.any(String), paidOn: '2023-03-20' },
    ]);
    // A clawed-back payment is owed by the enterprise: it cannot come back as a return.
    const refused = await thrown(giveBack(p, 'RET-5', '2023-04-12'));
    expect([refused.kind, refused.rule]).toEqual(['conflict', 'R-FRAUD']);
  });

  it('given a return claim left by a crash before the return was written, when recovery runs, then the return is recorded and the reference confirmed', async () => {
    const p = await paidTranche(6);
    const use: ReturnUse = {
      kind: 'return',
      bankRef: 'RET-CRASH',
      processId: returnProcessIdOf(p.disbursementId),
      disbursementId: p.disbursementId,
      trancheId: p.trancheId,
      amountFen: T,
      returnedOn: '2023-03-22',
      reason: '收款账户已销户',
      returnedBy: 'fay',
    };
    const stream = streams.bankReference(bankRefKey(use.bankRef));
    await runOnStream(
      ledger.store,
      stream,
      bankReferenceFold,
      () => [{ type: 'BankReferenceUsed' as const, data: use }],
      () => metadataFor(finance, '2023-03-22'),
    );
    const report = await resumeProcesses(ledger.deps, system, [
      { processId: use.processId, kind: 'BankReferenceUsed', stream },
    ]);
    expect(report).toEqual({ finished: [use.processId], failed: [] });
    const t = await trancheOf(p.applicationId, p.trancheId);
    expect(t?.disbursement).toBeUndefined();
    expect(t?.returned).toEqual([expect.objectContaining({ bankRef: 'RET-CRASH' })]);
    expect(await refState('RET-CRASH')).toMatchObject({ open: false });
  });
});
