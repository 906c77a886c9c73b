import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { readModelDigest } from '../bench/read-model-digest';
import { tempDir } from '../bench/bench-support';
import { writeStoriesPipelined } from '../bench/direct-history/direct-history.pipelined';
import { writeStoriesDirect } from '../bench/direct-history/direct-history.writer';
import { CompiledStory, compileStory } from '../bench/direct-history/story-copy';
import { recordTemplate, Template } from '../bench/history';
import { openEmbeddedLedger } from '../bench/ledger-fixture';

/**
 * The direct history writer on two threads (ADR 0020 §59) writes the file
 * the single-thread writer writes (direct-history.int.spec.ts proves that
 * one), and a failure on either thread fails the write: rejected, the open
 * transaction rolled back, the thread ended, never a hang.
 */
jest.setTimeout(120_000);

const STORIES = 50;

type Ledger = ReturnType<typeof openEmbeddedLedger>;

function fileDigest(db: Database.Database) {
  const digest = createHash('sha256');
  for (const sql of [
    'SELECT * FROM events ORDER BY position',
    'SELECT * FROM streams ORDER BY stream',
    "SELECT * FROM sqlite_sequence WHERE name = 'events'",
  ]) {
    for (const row of db.prepare(sql).raw().iterate()) digest.update(JSON.stringify(row));
  }
  return {
    rows: digest.digest('hex'),
    readModels: readModelDigest(db),
    journal: db.pragma('journal_mode', { simple: true }),
    integrity: db.pragma('integrity_check', { simple: true }),
  };
}

describe('direct history writer on two threads', () => {
  let template: Template;
  let story: CompiledStory;
  const ledgers: Ledger[] = [];
  const dirs: { remove: () => void }[] = [];
  const open = () => {
    const tmp = tempDir('direct-history-pipelined-test');
    dirs.push(tmp);
    const ledger = openEmbeddedLedger(tmp.dir);
    ledgers.push(ledger);
    return ledger;
  };

  beforeAll(async () => {
    template = await recordTemplate('paid');
    story = compileStory(template);
  });
  afterAll(async () => {
    for (const ledger of ledgers) await ledger.store.close();
    dirs.forEach((d) => d.remove());
  });

  it(`given ${STORIES} stories, when written on two threads (a bulk load, then on the file it left), then the file has the single thread's rows`, async () => {
    const single = open();
    writeStoriesDirect(single.store.database, story, 0, STORIES, { storiesPerTransaction: 16 });
    const pipelined = open();
    // Batches that do not divide the transactions, and a second call on a file with events.
    const options = { storiesPerTransaction: 16, storiesPerBatch: 5, batchesAhead: 2 };
    const first = await writeStoriesPipelined(pipelined.store.database, story, 0, 30, options);
    const second = await writeStoriesPipelined(pipelined.store.database, story, 30, STORIES, {
      ...options,
      storiesPerBatch: 7,
    });
    expect([first, second]).toEqual([
      { head: 30 * story.eventsPerStory, events: 30 * story.eventsPerStory },
      { head: STORIES * story.eventsPerStory, events: 20 * story.eventsPerStory },
    ]);
    const digest = fileDigest(pipelined.store.database);
    expect(digest).toEqual(fileDigest(single.store.database));
    expect(digest).toMatchObject({ journal: 'wal', integrity: 'ok' });
  });

  it('given a story the thread cannot make, when written on two threads, then the write is rejected, nothing is committed and the store settings are back', async () => {
    const ledger = open();
    const db = ledger.store.database;
    const k = 30;
    const bad: CompiledStory = {
      ...story,
      events: story.events.map((e, i) =>
        i === k ? { ...e, hashInput: undefined as unknown as typeof e.hashInput } : e,
      ),
    };
    await expect(writeStoriesPipelined(db, bad, 0, 20, { storiesPerBatch: 4 })).rejects.toThrow(
      /story rows thread failed/,
    );
    expect(await ledger.store.headPosition()).toBe(0);
    expect(db.inTransaction).toBe(false);
    // A failed bulk load's file is thrown away (its indexes are not back): only the settings are.
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('given stories already in the file, when the same stories are written on two threads, then the insert fails, the transaction rolls back and the head stays', async () => {
    const ledger = open();
    const db = ledger.store.database;
    await writeStoriesPipelined(db, story, 0, 10, { storiesPerTransaction: 4 });
    const before = fileDigest(db);
    await expect(
      writeStoriesPipelined(db, story, 8, 14, { storiesPerTransaction: 4, storiesPerBatch: 2 }),
    ).rejects.toThrow(/UNIQUE constraint failed/);
    expect(db.inTransaction).toBe(false);
    expect(await ledger.store.headPosition()).toBe(10 * story.eventsPerStory);
    expect(fileDigest(db)).toEqual(before);
  });
});
