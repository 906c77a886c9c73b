import { BankReferenceUse, LedgerError, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { metadataFor } from '../command-context';
import { resumeProcesses } from '../process-recovery';
import { loadStream, runOnStream } from '../stream-command';
import { bankReferenceFold, caseFold, seatApplicationFold } from '../stream-decider';
import { bankRefKey } from './bank-reference.process';
import { openCase } from './case-opening.process';
import { recordDisbursement } from './disbursement.process';
import { recordFinding } from './finding.process';
import { recordRecovery } from './recovery.process';
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
 * Issue #12 points 7 and 8 on a real SQLite event store, the way the API
 * runs them: a payment that loses a race to another payment of its tranche
 * leaves its bank reference free (R-PAY), a crash between the claim of a
 * reference and its payment is finished by recovery (ADR 0002), and a bank
 * reference is used once across payments and recoveries of every case
 * (R-FRAUD).
 */
jest.setTimeout(60_000);

const T = 250_000;
const RACERS = 20;

describe('bank references as processes (R-PAY, R-FRAUD, ADR 0002)', () => {
  const ledger = sqliteLedgerForTest('ledger-test-bankref-');
  let seq = 0;
  const id = (label: string) => `${label}-${++seq}`;

  const refState = async (bankRef: string) =>
    (await loadStream(ledger.store, streams.bankReference(bankRefKey(bankRef)), bankReferenceFold))
      .state;
  const paidWith = async (applicationId: string, trancheId: string) =>
    (
      await loadStream(ledger.store, streams.seatApplication(applicationId), seatApplicationFold)
    ).state.tranches.get(trancheId)?.disbursement;

  /** A registered enterprise with one claim approved, its tranche 1 published and payable from 2023-03-18. */
  async function payableTranche(n: number) {
    const enterpriseId = makeCreditCode(8_100 + n);
    const personId = makeResidentId('140202', '19900101', 800 + n);
    return publishedSeatTranche(
      ledger.deps,
      { reviewer, finance },
      { enterpriseId, enterpriseName: `企业 ${n}`, personId, personKey: `pk-${n}` },
      id,
    );
  }

  const pay = (trancheId: string, bankRef: string, paidOn = '2023-03-20') =>
    recordDisbursement(ledger.deps, finance, {
      disbursementId: id('dis'),
      trancheId,
      paidOn,
      amountFen: T,
      bankRef,
    });

  const s: Record<string, string> = {};

  it(`given one payable tranche, when ${RACERS} payments with distinct bank references race, then one is recorded and every other reference is free again`, async () => {
    const a = await payableTranche(1);
    const refs = Array.from({ length: RACERS }, (_, i) => `RACE-${i}`);
    const outcomes = await Promise.allSettled(refs.map((ref) => pay(a.trancheId, ref)));
    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [refs[i]] : []));
    expect(won).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        expect(o.reason).toBeInstanceOf(LedgerError);
        expect((o.reason as LedgerError).kind).toBe('conflict');
      }
    }
    const paid = await paidWith(a.applicationId, a.trancheId);
    expect(paid?.bankRef).toBe(won[0]);
    // The winner's reference is settled as used; the losers' are free.
    expect(await refState(won[0])).toMatchObject({ open: false, used: { bankRef: won[0] } });
    for (const ref of refs.filter((r) => r !== won[0])) {
      expect([ref, await refState(ref)]).toEqual([ref, {}]);
    }
    s.winner = won[0];
    s.loser = refs.find((r) => r !== won[0])!;
  });

  it("given a reference that lost the race, when another tranche is paid with it, then it is recorded; the winner's reference is still refused", async () => {
    const b = await payableTranche(2);
    const reused = await thrown(pay(b.trancheId, s.winner));
    expect(reused.kind).toBe('conflict');
    const ok = await pay(b.trancheId, s.loser);
    expect((await paidWith(b.applicationId, b.trancheId))?.disbursementId).toBe(
      ok.result.disbursementId,
    );
  });

  /** Writes only the claim of a reference, as a crash right after it would leave it. */
  async function crashAfterClaim(use: BankReferenceUse) {
    const stream = streams.bankReference(bankRefKey(use.bankRef));
    await runOnStream(
      ledger.store,
      stream,
      bankReferenceFold,
      () => [{ type: 'BankReferenceUsed' as const, data: use }],
      () => metadataFor(finance, '2023-03-20'),
    );
    return stream;
  }

  it('given a claim left by a crash for a tranche another payment already paid, when recovery runs, then the reference is released', async () => {
    const c = await payableTranche(3);
    await pay(c.trancheId, 'CRASH-WINNER');
    const use: BankReferenceUse = {
      bankRef: 'CRASH-LOSER',
      disbursementId: 'dis-crashed-1',
      trancheId: c.trancheId,
      amountFen: T,
      paidOn: '2023-03-20',
      processId: 'dis-crashed-1',
      paidBy: 'fay',
    };
    const stream = await crashAfterClaim(use);
    const report = await resumeProcesses(ledger.deps, system, [
      { processId: 'dis-crashed-1', kind: 'BankReferenceUsed', stream },
    ]);
    expect(report).toEqual({ finished: ['dis-crashed-1'], failed: [] });
    expect(await refState('CRASH-LOSER')).toEqual({});
    expect((await paidWith(c.applicationId, c.trancheId))?.bankRef).toBe('CRASH-WINNER');
  });

  it('given a claim left by a crash for a payable tranche, when recovery runs, then the payment is recorded as the finance actor’s and the reference confirmed', async () => {
    const d = await payableTranche(4);
    const use: BankReferenceUse = {
      bankRef: 'CRASH-PAID',
      disbursementId: 'dis-crashed-2',
      trancheId: d.trancheId,
      amountFen: T,
      paidOn: '2023-03-20',
      processId: 'dis-crashed-2',
      paidBy: 'fay',
    };
    const stream = await crashAfterClaim(use);
    const report = await resumeProcesses(ledger.deps, system, [
      { processId: 'dis-crashed-2', kind: 'BankReferenceUsed', stream },
    ]);
    expect(report).toEqual({ finished: ['dis-crashed-2'], failed: [] });
    expect(await paidWith(d.applicationId, d.trancheId)).toMatchObject({
      disbursementId: 'dis-crashed-2',
      bankRef: 'CRASH-PAID',
    });
    const events = await ledger.store.readStream(streams.seatApplication(d.applicationId));
    expect(events.find((e) => e.type === 'TrancheDisbursed')?.data).toMatchObject({
      paidBy: 'fay',
    });
    expect(await refState('CRASH-PAID')).toMatchObject({ open: false });
    s.paidApplication = d.applicationId;
    s.paidClaim = d.claimId;
    s.paidEnterprise = d.enterpriseId;
  });

  it('given two cases with money due, when a recovery reuses a payment reference or the other case’s recovery reference, then 409 R-FRAUD and nothing is written on the case', async () => {
    // Case 1 against the enterprise paid by recovery above; case 2 against the race's winner.
    const e = await payableTranche(5);
    await pay(e.trancheId, 'PAY-E');
    const cases: string[] = [];
    for (const [enterpriseId, claimId] of [
      [s.paidEnterprise, s.paidClaim],
      [e.enterpriseId, e.claimId],
    ]) {
      const caseId = id('case');
      await openCase(ledger.deps, supervisor, {
        caseId,
        enterpriseId,
        openedOn: '2024-03-01',
        reason: 'spot check',
        suspend: false,
      });
      await recordFinding(ledger.deps, supervisor, caseId, {
        findingId: id('f'),
        foundOn: '2024-03-10',
        note: 'forged payroll',
        falseClaimIds: [claimId],
      });
      cases.push(caseId);
    }
    const recover = (caseId: string, bankRef: string, amountFen = 100_000) =>
      recordRecovery(ledger.deps, finance, caseId, {
        recoveryId: id('r'),
        receivedOn: '2024-04-15',
        amountFen,
        bankRef,
      });

    const head = await ledger.store.headPosition();
    const asPayment = await thrown(recover(cases[0], 'PAY-E'));
    expect({ kind: asPayment.kind, rule: asPayment.rule }).toEqual({
      kind: 'conflict',
      rule: 'R-FRAUD',
    });
    expect(asPayment.message).toMatch(/already recorded for a payment/);
    expect(await ledger.store.headPosition()).toBe(head);

    await recover(cases[0], 'BACK-ONCE');
    const caseHead = (await loadStream(ledger.store, streams.case(cases[1]), caseFold)).revision;
    const twice = await thrown(recover(cases[1], 'BACK-ONCE'));
    expect({ kind: twice.kind, rule: twice.rule }).toEqual({ kind: 'conflict', rule: 'R-FRAUD' });
    expect(twice.message).toMatch(/another recovery/);
    expect((await loadStream(ledger.store, streams.case(cases[1]), caseFold)).revision).toBe(
      caseHead,
    );

    // And a payment cannot use a recovery's reference either.
    const f = await payableTranche(6);
    const payBack = await thrown(pay(f.trancheId, 'BACK-ONCE'));
    expect(payBack.kind).toBe('conflict');
    expect(payBack.message).toMatch(/recovery/);
  });

  it('given a recovery refused as more than outstanding, and two recoveries racing for what is left, then the refused references are free and the recorded one is used', async () => {
    const g = await payableTranche(7);
    await pay(g.trancheId, 'PAY-G');
    const caseId = id('case');
    await openCase(ledger.deps, supervisor, {
      caseId,
      enterpriseId: g.enterpriseId,
      openedOn: '2024-03-01',
      reason: 'tip',
      suspend: false,
    });
    await recordFinding(ledger.deps, supervisor, caseId, {
      findingId: id('f'),
      foundOn: '2024-03-10',
      note: 'x',
      falseClaimIds: [g.claimId],
    });
    const over = await thrown(
      recordRecovery(ledger.deps, finance, caseId, {
        recoveryId: id('r'),
        receivedOn: '2024-04-15',
        amountFen: 2 * T,
        bankRef: 'BACK-G',
      }),
    );
    expect(over.kind).toBe('rule');
    // Two recoveries of the whole amount race: one is recorded, the other is
    // refused by the case after its claim, and its reference is released.
    const raced = await Promise.allSettled(
      ['BACK-G', 'BACK-G2'].map((bankRef) =>
        recordRecovery(ledger.deps, finance, caseId, {
          recoveryId: id('r'),
          receivedOn: '2024-04-16',
          amountFen: T,
          bankRef,
        }),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const [won, lost] =
      raced[0].status === 'fulfilled' ? ['BACK-G', 'BACK-G2'] : ['BACK-G2', 'BACK-G'];
    expect(await refState(won)).toMatchObject({ open: false, used: { kind: 'recovery' } });
    expect(await refState(lost)).toEqual({});
  });
});
