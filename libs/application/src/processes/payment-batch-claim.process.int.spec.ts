import { decideCreatePaymentBatch, PaymentBatchState, streams } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store/event-store.port';
import { metadataFor } from '../command-context';
import { resumeProcess, resumeProcesses } from '../process-recovery';
import { loadStream, runOnStream } from '../stream-command';
import { paymentBatchFold, trancheBatchFold } from '../stream-decider';
import { createPaymentBatch } from './payment-batch.process';
import { payableSeatTranche } from '../testing/payable-tranche';
import { thrown } from '../testing/thrown';
import { reviewer, finance, system, sqliteLedgerForTest } from '../testing/process-ledger';

/**
 * Issue #14, crash sweep: a payment batch claims its tranches
 * (`TrancheBatched` on `tranche-batch-{trancheId}`) before it records itself.
 * A crash between the two left the tranches claimed by a batch that never
 * was, and they could never be batched again. Each claim is now a process
 * (ADR 0002) that process recovery finishes: it closes the batch id and
 * releases the claim; a recorded batch's claims are its own and stay.
 */
jest.setTimeout(60_000);

/** The store as the crashed process saw it: every append to a batch's own stream dies. */
function crashingBeforeTheBatch(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'append') {
        return (stream: string, ...rest: unknown[]) => {
          if (stream.startsWith('payment-batch-')) {
            return Promise.reject(new Error('process killed before the batch was written'));
          }
          return (target.append as (...a: unknown[]) => unknown).call(target, stream, ...rest);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

describe('payment batch claims left by a crash (issue #14, ADR 0002)', () => {
  const ledger = sqliteLedgerForTest('ledger-test-batch-claims-', { projected: true });

  /** A payable tranche (published, notice over) of an enterprise with a verified account. */
  const payableTranche = async (n: number) =>
    (await payableSeatTranche(ledger.deps, { reviewer, finance }, 'claim', 840 + n)).trancheId;

  const claimOf = async (trancheId: string) =>
    (await loadStream(ledger.store, streams.trancheBatch(trancheId), trancheBatchFold)).state.live;
  const batch = async (batchId: string): Promise<PaymentBatchState> =>
    (await loadStream(ledger.store, streams.paymentBatch(batchId), paymentBatchFold)).state;
  const openClaims = async () =>
    (await ledger.readModels.openProcesses()).filter((p) => p.kind === 'TrancheBatched');

  const s: { t1?: string; t2?: string; deadBatch?: string; liveBatch?: string } = {};

  it('given a batch request killed after claiming its tranches, when the tranche is asked for again, then it is refused as in a batch that does not exist, and the claim is an open process', async () => {
    s.t1 = await payableTranche(1);
    s.t2 = await payableTranche(2);
    const crashed = { ...ledger.deps, store: crashingBeforeTheBatch(ledger.store) };
    await expect(
      createPaymentBatch(crashed, finance, { createdOn: '2023-03-20', trancheIds: [s.t1, s.t2] }),
    ).rejects.toThrow('process killed before the batch was written');

    const claim = await claimOf(s.t1);
    expect(claim).toBeDefined();
    s.deadBatch = claim!.batchId;
    expect((await claimOf(s.t2))?.batchId).toBe(s.deadBatch);
    expect((await batch(s.deadBatch)).exists).toBe(false);

    const again = await thrown(
      createPaymentBatch(ledger.deps, finance, { createdOn: '2023-03-21', trancheIds: [s.t1] }),
    );
    expect(again.details?.['refused']).toEqual([
      expect.objectContaining({ trancheId: s.t1, rule: 'R-PAY' }),
    ]);

    expect(await openClaims()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stream: streams.trancheBatch(s.t1), processId: s.deadBatch }),
        expect.objectContaining({ stream: streams.trancheBatch(s.t2), processId: s.deadBatch }),
      ]),
    );
  });

  it('given those open claims, when process recovery runs, then the batch id is closed, both claims are released and no claim is open', async () => {
    const report = await resumeProcesses(ledger.deps, system, await openClaims());
    expect(report.failed).toEqual([]);
    expect(report.finished).toHaveLength(2);
    expect(await claimOf(s.t1!)).toBeUndefined();
    expect(await claimOf(s.t2!)).toBeUndefined();
    expect(await batch(s.deadBatch!)).toMatchObject({ exists: false, abandoned: true });
    expect(await openClaims()).toEqual([]);
    const released = await ledger.store.readStream(streams.trancheBatch(s.t1!));
    expect(released.map((e) => e.type)).toEqual(['TrancheBatched', 'TrancheBatchReleased']);
    expect(released[1].metadata).toMatchObject({
      actor: 'system:recovery',
      businessDate: '2023-03-20',
    });
  });

  it('given the released tranches, when finance makes a batch again, then it holds both, and its claims are no open process', async () => {
    const made = await createPaymentBatch(ledger.deps, finance, {
      createdOn: '2023-03-21',
      trancheIds: [s.t1!, s.t2!],
    });
    expect(made.result.items.map((i) => i.trancheId).sort()).toEqual([s.t1, s.t2].sort());
    expect(made.result.refused).toEqual([]);
    s.liveBatch = made.result.batchId;
    expect(await openClaims()).toEqual([]);
  });

  it('given a recorded batch, when recovery is asked to finish one of its claims anyway, then the claim stays and the batch is untouched', async () => {
    await resumeProcess(ledger.deps, system, {
      processId: s.liveBatch!,
      kind: 'TrancheBatched',
      stream: streams.trancheBatch(s.t1!),
    });
    expect((await claimOf(s.t1!))?.batchId).toBe(s.liveBatch);
    expect(await batch(s.liveBatch!)).toMatchObject({ exists: true });
    expect((await batch(s.liveBatch!)).abandoned).toBeUndefined();
    const other = await thrown(
      createPaymentBatch(ledger.deps, finance, { createdOn: '2023-03-22', trancheIds: [s.t1!] }),
    );
    expect(other.rule).toBe('R-PAY');
  });

  it('given the abandoned batch id, when a request that was still running records its batch late, then it is refused (409) and writes nothing', async () => {
    const before = await ledger.store.headPosition();
    const late = await thrown(
      runOnStream(
        ledger.store,
        streams.paymentBatch(s.deadBatch!),
        paymentBatchFold,
        (state) =>
          decideCreatePaymentBatch(state, {
            batchId: s.deadBatch!,
            createdOn: '2023-03-20',
            createdBy: finance.actorId,
            items: [],
            refused: [],
          }),
        () => metadataFor(finance, '2023-03-20'),
      ),
    );
    expect(late.kind).toBe('conflict');
    expect(late.message).toMatch(/abandoned/);
    expect(await ledger.store.headPosition()).toBe(before);
  });
});
