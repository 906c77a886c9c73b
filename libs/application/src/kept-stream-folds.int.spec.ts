import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BudgetEvent,
  BudgetState,
  copyBudgetState,
  decideAppropriateBudget,
  decideCommitBudget,
  streams,
} from '@ledger/domain';
import type { EventStore, ReadStreamOptions } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { metadataFor } from './command-context';
import { KeptStreamFolds } from './kept-stream-folds';
import { loadStream, runOnStream } from './stream-command';
import { budgetFold } from './stream-decider';
import { finance } from './testing/process-ledger';

/**
 * A budget stream's fold kept between commands (ADR 0020 §24) must answer
 * exactly what a whole read answers, whoever wrote to the stream since.
 */
const budgetId = 'seat-2026';
const stream = streams.budget(budgetId);
const meta = () => metadataFor(finance, '2026-03-01');

const appropriate = (store: EventStore, amountFen: number) =>
  runOnStream(
    store,
    stream,
    budgetFold,
    (s) =>
      decideAppropriateBudget(s, {
        budgetId,
        programme: 'seat',
        fiscalYear: 2026,
        amountFen,
        documentRef: '同财社〔2026〕1号',
        recordedBy: 'fay',
      }),
    meta,
  );

const commit = (store: EventStore, trancheId: string, amountFen: number) =>
  runOnStream(
    store,
    stream,
    budgetFold,
    (s) =>
      decideCommitBudget(s, {
        budgetId,
        programme: 'seat',
        fiscalYear: 2026,
        commitmentId: `c-${trancheId}`,
        trancheId,
        amountFen,
        committedOn: '2026-03-01',
      }),
    meta,
  );

const wholeRead = async (store: EventStore) => (await loadStream(store, stream, budgetFold)).state;

/** The store, counting what each read of the stream asked for. */
function counted(store: EventStore, reads: (ReadStreamOptions | undefined)[]): EventStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'readStream') {
        return (s: string, options?: ReadStreamOptions) => {
          reads.push(options);
          return target.readStream(s, options);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('KeptStreamFolds: a long stream folded from what this process kept', () => {
  const dirs: string[] = [];
  const stores: SqliteEventStore[] = [];
  const open = (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-folds-'))) => {
    if (!dirs.includes(dir)) dirs.push(dir);
    const store = SqliteEventStore.open({ dataDir: dir });
    stores.push(store);
    return { store, dir };
  };
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const kept = () => new KeptStreamFolds<BudgetState, BudgetEvent>(budgetFold, copyBudgetState);

  it('given a kept budget, when another process commits to it, then the next load reads only the tail and includes that commitment', async () => {
    const { store: here, dir } = open();
    const { store: there } = open(dir);
    await appropriate(here, 1_000_000);
    await commit(here, 'a.t1', 300_000);
    const reads: (ReadStreamOptions | undefined)[] = [];
    const folds = kept();
    const first = await folds.load(counted(here, reads), stream);
    expect(first.state.committedFen).toBe(300_000);

    await commit(there, 'b.t1', 600_000);
    const second = await folds.load(counted(here, reads), stream);
    expect(second.state.committedFen).toBe(900_000);
    expect(second.revision).toBe(2);
    expect([...second.state.commitments.keys()]).toEqual(['a.t1', 'b.t1']);
    expect(reads).toEqual([undefined, { fromRevision: 1 }]);
    expect(second.state).toEqual(await wholeRead(here));
    // Decided on the kept fold, R-BUDGET sees the other process's commitment.
    expect(() =>
      decideCommitBudget(second.state, {
        budgetId,
        programme: 'seat',
        fiscalYear: 2026,
        commitmentId: 'c-c.t1',
        trancheId: 'c.t1',
        amountFen: 100_001,
        committedOn: '2026-03-02',
      }),
    ).toThrow(expect.objectContaining({ rule: 'R-BUDGET' }));
  });

  it('given a state handed out, when the caller folds more into it, then what is kept is not changed', async () => {
    const { store } = open();
    await appropriate(store, 1_000_000);
    await commit(store, 'a.t1', 300_000);
    const folds = kept();
    const fromWholeRead = await folds.load(store, stream);
    fromWholeRead.state.commitments.clear();
    const fromKept = await folds.load(store, stream);
    expect(fromKept.state.commitments.size).toBe(1);
    fromKept.state.commitments.clear();
    const again = await folds.load(store, stream);
    expect(again.state.commitments.size).toBe(1);
    expect(again.state).toEqual(await wholeRead(store));
  });

  it('given two loads at once after new events, then each event is folded once', async () => {
    const { store } = open();
    await appropriate(store, 1_000_000);
    const folds = kept();
    await folds.load(store, stream);
    await commit(store, 'a.t1', 100_000);
    await commit(store, 'b.t1', 200_000);
    const [x, y] = await Promise.all([folds.load(store, stream), folds.load(store, stream)]);
    const whole = await wholeRead(store);
    expect(whole.committedFen).toBe(300_000);
    expect(x.state).toEqual(whole);
    expect(y.state).toEqual(whole);
    expect((await folds.load(store, stream)).state).toEqual(whole);
  });

  it('given a kept stream, when the same name holds other events (another ledger), then it is read whole', async () => {
    const { store: one } = open();
    const { store: other } = open();
    await appropriate(one, 1_000_000);
    await appropriate(other, 5_000);
    await commit(other, 'z.t1', 5_000);
    const folds = kept();
    await folds.load(one, stream);
    const reads: (ReadStreamOptions | undefined)[] = [];
    const loaded = await folds.load(counted(other, reads), stream);
    expect(loaded.state).toEqual(await wholeRead(other));
    expect(loaded.state.appropriatedFen).toBe(5_000);
    expect(reads).toEqual([{ fromRevision: 0 }, undefined]);
  });
});
