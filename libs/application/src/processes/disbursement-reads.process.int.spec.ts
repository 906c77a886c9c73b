import { LedgerError, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { metadataFor } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { loadStream, runOnStream } from '../stream-command';
import { bankReferenceFold, seatApplicationFold, StreamFold } from '../stream-decider';
import { bankReferenceStream } from './bank-reference.process';
import { openCase } from './case-opening.process';
import { raiseObjection } from './publicity-objection.process';
import { recordDisbursement } from './disbursement.process';
import {
  approvedAndPublishedHalfYearTranche,
  registeredCallCentre,
  reviewedHalfYearClaim,
} from '../testing/payable-tranche';
import { thrown } from '../testing/thrown';
import { ctx, reviewer, finance, supervisor, sqliteLedgerForTest } from '../testing/process-ledger';
import { storeWithWriterBefore } from '../testing/store-with-writer-before';

/**
 * A payment decides its first writes on the streams its check has just read
 * (stream-command.ts `readJustNow`, issue #14's statement benchmark): a
 * writer that gets in between must still make it refuse, exactly as when
 * every write read its stream again.
 */
jest.setTimeout(60_000);

const T = 250_000;

describe('a payment that decides on what its check read, with a writer in between', () => {
  const ledger = sqliteLedgerForTest('ledger-payment-reads-', { projected: true });
  let seq = 0;
  const id = (label: string) => `${label}-${++seq}`;

  /** An enterprise with one application of one claim, tranche 1 approved and published. */
  async function payableTranche(seed: number) {
    const enterpriseId = makeCreditCode(seed);
    await registeredCallCentre(ledger.deps, reviewer, enterpriseId, `E${seed}`);
    const applicationId = id('app');
    await reviewedHalfYearClaim(
      ledger.deps,
      { reviewer, secondReviewer: ctx('rob', 'reviewer') },
      {
        enterpriseId,
        applicationId,
        reviewId: id('review'),
        personId: makeResidentId('140202', '19800101', seed % 1000),
        personKey: `pk-${seed}`,
      },
    );
    const trancheId = `${applicationId}.t1`;
    await approvedAndPublishedHalfYearTranche(
      ledger.deps,
      { reviewer, finance },
      { applicationId, trancheId, publicityId: id('pub') },
    );
    return { enterpriseId, applicationId, trancheId };
  }

  it('given the check read a good standing, when a case suspends the enterprise before the clearance is written, then the payment is refused (R-FRAUD) and nothing is paid or claimed', async () => {
    const { enterpriseId, applicationId, trancheId } = await payableTranche(9_301);
    const bankRef = id('BANK');
    const racing = storeWithWriterBefore(
      ledger.store,
      streams.enterprise(enterpriseId),
      'TrancheClearanceGranted',
      () =>
        openCase(ledger.deps, supervisor, {
          caseId: id('case'),
          enterpriseId,
          openedOn: '2023-07-13',
          reason: 'tip',
          suspend: true,
        }),
    );
    const refused = await thrown(
      recordDisbursement({ ...ledger.deps, store: racing }, finance, {
        disbursementId: id('dis'),
        trancheId,
        paidOn: '2023-07-14',
        amountFen: T,
        bankRef,
      }),
    );
    expect({ kind: refused.kind, rule: refused.rule }).toEqual({
      kind: 'suspended',
      rule: 'R-FRAUD',
    });
    const app = await loadStream(
      ledger.store,
      streams.seatApplication(applicationId),
      seatApplicationFold,
    );
    expect(app.state.tranches.get(trancheId)?.disbursement).toBeUndefined();
    const ref = await loadStream(ledger.store, bankReferenceStream(bankRef), bankReferenceFold);
    expect(ref.events).toEqual([]);
  });

  it('given the check read an unpaid tranche, when another payment of it is recorded before this one is written, then this one is refused and its bank reference released', async () => {
    const { applicationId, trancheId } = await payableTranche(9_302);
    const first = { disbursementId: id('dis'), bankRef: id('BANK') };
    const other = { disbursementId: id('dis'), bankRef: id('BANK') };
    const payWith = (d: LedgerDeps, p: typeof first) =>
      recordDisbursement(d, finance, { ...p, trancheId, paidOn: '2023-07-14', amountFen: T });
    const racing = storeWithWriterBefore(
      ledger.store,
      streams.seatApplication(applicationId),
      'TrancheDisbursed',
      () => payWith(ledger.deps, other),
    );
    const refused = await thrown(payWith({ ...ledger.deps, store: racing }, first));
    expect(refused.kind).not.toBe('suspended');
    const app = await loadStream(
      ledger.store,
      streams.seatApplication(applicationId),
      seatApplicationFold,
    );
    expect(app.state.tranches.get(trancheId)?.disbursement?.disbursementId).toBe(
      other.disbursementId,
    );
    const released = await loadStream(
      ledger.store,
      bankReferenceStream(first.bankRef),
      bankReferenceFold,
    );
    expect(released.state).toEqual({});
    const kept = await loadStream(
      ledger.store,
      bankReferenceStream(other.bankRef),
      bankReferenceFold,
    );
    expect(kept.state.used).toMatchObject({ disbursementId: other.disbursementId });
    expect(kept.state.open).toBeFalsy();
  });

  it('given nothing written between the check and the payment, when a seat tranche is paid on the embedded store, then the clearance, the claim, the payment and the confirmation are one append', async () => {
    const { enterpriseId, applicationId, trancheId } = await payableTranche(9_303);
    const bankRef = id('BANK');
    const before = ledger.store.appendStats();
    const head = await ledger.store.headPosition();

    const paid = await recordDisbursement(ledger.deps, finance, {
      disbursementId: id('dis'),
      trancheId,
      paidOn: '2023-07-14',
      amountFen: T,
      bankRef,
    });

    expect(ledger.store.appendStats().appends - before.appends).toBe(1);
    const written = await ledger.store.readAll({ afterPosition: head });
    expect(written.map((e) => [e.stream, e.type])).toEqual([
      [streams.enterprise(enterpriseId), 'TrancheClearanceGranted'],
      [bankReferenceStream(bankRef), 'BankReferenceUsed'],
      [bankReferenceStream(bankRef), 'BankReferenceConfirmed'],
      [streams.seatApplication(applicationId), 'TrancheDisbursed'],
    ]);
    expect(paid.position).toBe(written[3].position);
    const clearance = written[0].data as { clearanceId: string };
    expect(written[3].data).toMatchObject({ clearanceId: clearance.clearanceId });
  });

  it('given the check read the notice without objection, when an objection is raised before the payment is written, then the payment is refused (R-PUB) and its bank reference released', async () => {
    const { applicationId, trancheId } = await payableTranche(9_304);
    const app = await loadStream(
      ledger.store,
      streams.seatApplication(applicationId),
      seatApplicationFold,
    );
    const publicityId = app.state.tranches.get(trancheId)!.publicity!.publicityId;
    const bankRef = id('BANK');
    const racing = storeWithWriterBefore(
      ledger.store,
      streams.seatApplication(applicationId),
      'TrancheDisbursed',
      () =>
        raiseObjection(ledger.deps, ctx('pat', 'public'), publicityId, {
          objectionId: id('obj'),
          raisedOn: '2023-07-13',
          text: 'not a real seat',
        }),
    );

    const refused = await thrown(
      recordDisbursement({ ...ledger.deps, store: racing }, finance, {
        disbursementId: id('dis'),
        trancheId,
        paidOn: '2023-07-14',
        amountFen: T,
        bankRef,
      }),
    );

    expect(refused.rule).toBe('R-PUB');
    const after = await loadStream(
      ledger.store,
      streams.seatApplication(applicationId),
      seatApplicationFold,
    );
    expect(after.state.tranches.get(trancheId)?.disbursement).toBeUndefined();
    const ref = await loadStream(ledger.store, bankReferenceStream(bankRef), bankReferenceFold);
    expect(ref.state.used).toBeUndefined();
  });

  describe('runOnStream given a read taken just before', () => {
    type Counted = { count: number };
    const counting: StreamFold<Counted, { type: string; data: object }> = {
      initial: () => ({ count: 0 }),
      evolve: (s) => ({ count: s.count + 1 }),
    };
    const tick = { type: 'Ticked', data: {} };
    const meta = () => metadataFor(finance, '2023-07-14');
    /** Reads a new probe stream, lets another writer append a tick, then runs `decide` on the read. */
    const onReadOvertaken = async (label: string, decide: (s: Counted) => (typeof tick)[]) => {
      const stream = `probe-${id(label)}`;
      const read = await loadStream(ledger.store, stream, counting);
      await ledger.store.append(stream, [{ ...tick, metadata: meta() }], 'no_stream');
      const decided: number[] = [];
      const written = await runOnStream(
        ledger.store,
        stream,
        counting,
        (s) => {
          decided.push(s.count);
          return decide(s);
        },
        meta,
        read,
      );
      return { stream, decided, written };
    };

    it('when another writer appended since and the decision on the read refuses, then it decides again on a fresh read and appends', async () => {
      const { decided, written } = await onReadOvertaken('refuse', (s) => {
        if (s.count === 0) throw new LedgerError('conflict', 'needs a tick first', 'R-PAY');
        return [tick];
      });
      expect(decided).toEqual([0, 1]);
      expect(written.state.count).toBe(2);
    });

    it('when another writer appended since and the decision on the read writes nothing, then it decides again on a fresh read', async () => {
      const { decided, written } = await onReadOvertaken('nothing', (s) =>
        s.count === 0 ? [] : [tick],
      );
      expect(decided).toEqual([0, 1]);
      expect(written.position).toBeDefined();
    });

    it('when another writer appended since and the decision on the read appends, then the append is refused by its revision and decided again on a fresh read', async () => {
      const { stream, decided, written } = await onReadOvertaken('append', () => [tick]);
      expect(decided).toEqual([0, 1]);
      expect((await loadStream(ledger.store, stream, counting)).state.count).toBe(2);
      expect(written.revision).toBe(1);
    });
  });
});
