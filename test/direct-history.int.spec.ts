import { createHash } from 'node:crypto';
import { verifyLedger, VerifyReport } from '@ledger/audit';
import { SqliteLogAnchor } from '@ledger/event-store/sqlite/sqlite-log-anchor';
import { rebuildSqliteReadModels } from '@ledger/projections/rebuild';
import { readModelDigest } from '../bench/read-model-digest';
import { tempDir } from '../bench/bench-support';
import { writeStoriesDirect } from '../bench/direct-history/direct-history.writer';
import { CompiledStory, compileStory } from '../bench/direct-history/story-copy';
import { recordTemplate, storyIds, Template } from '../bench/history';
import { apiPersonKeyOf, approvedApplication, openEmbeddedLedger } from '../bench/ledger-fixture';

/**
 * The bench's direct history writer (bench/direct-history) copies a recorded
 * story into the store's tables without the store or the projector. Its
 * proof: what it writes passes `ledger verify` (hash chains, invariants, read
 * models replayed and compared, the log guard, the anchor) and its read
 * models are, row for row, what a rebuild makes from its events; a copy with
 * a single wrong hash, identifier, row or revision fails that proof.
 */
jest.setTimeout(240_000);

const STORIES = 300;
/** The histories with one story copied wrong: story 150 of 200. */
const BROKEN_STORIES = 200;

type Ledger = ReturnType<typeof openEmbeddedLedger>;

const verify = (ledger: Ledger, anchorFile?: string): Promise<VerifyReport> =>
  verifyLedger({
    store: ledger.store,
    backend: 'sqlite',
    sqlite: ledger.store.database,
    anchorFile,
  });

async function rebuiltDigest(ledger: Ledger): Promise<{ before: string; after: string }> {
  const db = ledger.store.database;
  const before = readModelDigest(db);
  await rebuildSqliteReadModels(db, (afterPosition, maxCount) =>
    ledger.store.readAll({ afterPosition, maxCount }),
  );
  return { before, after: readModelDigest(db) };
}

/** Writes BROKEN_STORIES stories, story `broken` from `bad` (the others from `good`). */
function writeWith(ledger: Ledger, good: CompiledStory, bad: CompiledStory, broken: number): void {
  const db = ledger.store.database;
  writeStoriesDirect(db, good, 0, broken, { storiesPerTransaction: 64 });
  writeStoriesDirect(db, bad, broken, broken + 1);
  writeStoriesDirect(db, good, broken + 1, BROKEN_STORIES, { storiesPerTransaction: 64 });
}

describe('direct history writer', () => {
  let template: Template;
  let story: CompiledStory;
  const dirs: { remove: () => void }[] = [];
  const open = (options: Parameters<typeof openEmbeddedLedger>[1] = {}) => {
    const tmp = tempDir('direct-history-test');
    dirs.push(tmp);
    return { dir: tmp.dir, ledger: openEmbeddedLedger(tmp.dir, options) };
  };

  beforeAll(async () => {
    template = await recordTemplate('paid');
    story = compileStory(template);
  });
  afterAll(() => dirs.forEach((d) => d.remove()));

  it(`given ${STORIES} stories written directly, when the ledger is verified and its read models rebuilt, then it has 0 problems and the rebuild writes the same rows`, async () => {
    const anchor = (dir: string) => new SqliteLogAnchor(dir);
    const tmp = tempDir('direct-history-anchor');
    dirs.push(tmp);
    const ledger = openEmbeddedLedger(tmp.dir, { anchor: anchor(tmp.dir) });
    try {
      // In two calls, as the growth workload grows a file: the second starts from the file.
      const options = { storiesPerTransaction: 64, anchor: anchor(tmp.dir), cacheMiB: 8 };
      const half = STORIES / 2;
      writeStoriesDirect(ledger.store.database, story, 0, half, options);
      const written = writeStoriesDirect(ledger.store.database, story, half, STORIES, options);
      expect(written).toEqual({
        head: STORIES * template.eventsPerStory,
        events: half * template.eventsPerStory,
      });
      const report = await verify(ledger, anchor(tmp.dir).file);
      expect({
        ok: report.ok,
        problems: report.problems,
        events: report.events,
        unhashed: report.hashChain.unhashedEvents,
        readModels: report.readModels.compared && report.readModels.differences,
        store: report.store,
        anchor: report.anchor?.ok,
      }).toEqual({
        ok: true,
        problems: [],
        events: STORIES * template.eventsPerStory,
        unhashed: 0,
        readModels: 0,
        store: { ok: true, problems: 0 },
        anchor: true,
      });
      const { before, after } = await rebuiltDigest(ledger);
      expect(after).toBe(before);
    } finally {
      await ledger.store.close();
    }
  });

  it('given a history written directly, when the API would query it, then every enterprise has its tranche paid and every person its cap used, under the keys the API derives', async () => {
    const { ledger } = open();
    try {
      writeStoriesDirect(ledger.store.database, story, 0, 40);
      for (const n of [0, 17, 39]) {
        const ids = storyIds(n);
        const balance = await ledger.readModels.enterpriseBalance(ids.enterpriseId, '2024-01-01');
        expect(balance.totals.disbursedFen).toBe(template.trancheAmountFen);
        for (const personId of ids.personIds) {
          const cap = await ledger.readModels.personCap(apiPersonKeyOf(personId));
          expect(cap.usedFen).toBe(250_000);
        }
      }
      const events = await ledger.store.readStream(`enterprise-${storyIds(17).enterpriseId}`);
      expect(events.map((e) => e.type)).toEqual(
        template.recorded
          .filter((e) => e.stream === `enterprise-${template.recorded[0].data.enterpriseId}`)
          .map((e) => e.type),
      );
    } finally {
      await ledger.store.close();
    }
  });

  it('given a history written directly, when the store appends a real command after it, then positions, streams and read models carry on and the ledger still verifies', async () => {
    const { ledger } = open();
    try {
      writeStoriesDirect(ledger.store.database, story, 0, 20);
      await approvedApplication(ledger.deps, 77_000_000, 3, 8_000_000);
      const head = await ledger.store.headPosition();
      expect(head).toBeGreaterThan(20 * template.eventsPerStory);
      const report = await verify(ledger);
      expect({ ok: report.ok, problems: report.problems, events: report.events }).toEqual({
        ok: true,
        problems: [],
        events: head,
      });
    } finally {
      await ledger.store.close();
    }
  });

  it('given an empty file, when stories are written as a bulk load (indexes after, journal in memory), then the file is the one the store way writes: rows, indexes, schema, WAL', async () => {
    const fileOf = (bulkWhenEmpty: boolean) => {
      const { ledger } = open();
      const db = ledger.store.database;
      writeStoriesDirect(db, story, 0, 30, { storiesPerTransaction: 8, bulkWhenEmpty });
      const digest = createHash('sha256');
      for (const row of db.prepare('SELECT * FROM events ORDER BY position').raw().iterate()) {
        digest.update(JSON.stringify(row));
      }
      const file = {
        rows: digest.digest('hex'),
        readModels: readModelDigest(db),
        schema: db
          .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')
          .all(),
        journal: db.pragma('journal_mode', { simple: true }),
        synchronous: db.pragma('synchronous', { simple: true }),
        integrity: db.pragma('integrity_check', { simple: true }),
      };
      return { ledger, file };
    };
    const storeWay = fileOf(false);
    const bulk = fileOf(true);
    try {
      expect(bulk.file).toEqual(storeWay.file);
      expect(bulk.file.journal).toBe('wal');
      expect(bulk.file.integrity).toBe('ok');
      // The store carries on appending on the bulk-written file as on any other.
      await approvedApplication(bulk.ledger.deps, 77_000_002, 2, 8_200_000);
      const report = await verify(bulk.ledger);
      expect({ ok: report.ok, problems: report.problems }).toEqual({ ok: true, problems: [] });
    } finally {
      await storeWay.ledger.store.close();
      await bulk.ledger.store.close();
    }
  });

  it('given read models behind the log, when stories are written directly, then it refuses and writes nothing', async () => {
    const { ledger } = open();
    try {
      ledger.store.setInlineProjector(undefined);
      await approvedApplication(ledger.deps, 77_000_001, 2, 8_100_000);
      const head = await ledger.store.headPosition();
      expect(() => writeStoriesDirect(ledger.store.database, story, 0, 5)).toThrow(
        /catch up first/,
      );
      expect(await ledger.store.headPosition()).toBe(head);
    } finally {
      await ledger.store.close();
    }
  });

  describe('given one story of the history copied wrong', () => {
    /** Runs the whole proof on a history whose story 150 (of 200) comes from `bad`. */
    async function proofOf(bad: CompiledStory) {
      const { ledger } = open();
      try {
        writeWith(ledger, story, bad, 150);
        const report = await verify(ledger);
        const { before, after } = await rebuiltDigest(ledger);
        return { problems: report.problemCount, rebuildEqual: before === after, report };
      } finally {
        await ledger.store.close();
      }
    }

    it('when one event of it is hashed over other content, then verify finds the broken chain', async () => {
      const k = 20;
      const e = story.events[k];
      const parts = [...e.hashInput.parts];
      parts[parts.length - 1] += ' ';
      const bad = {
        ...story,
        events: story.events.map((x, i) =>
          i === k ? { ...e, hashInput: { ...e.hashInput, parts } } : x,
        ),
      };
      const { problems, report } = await proofOf(bad);
      expect(problems).toBeGreaterThan(0);
      expect(report.hashChain.ok).toBe(false);
    });

    it('when one identifier in one read-model document is another story identifier, then verify and the rebuild both see it', async () => {
      // The application view: its first claim's person key swapped for the second's.
      const j = story.documents.findIndex((d) => d.doc.parts.join('').includes('"claims":'));
      expect(j).toBeGreaterThanOrEqual(0);
      const doc = story.documents[j].doc;
      const distinct = [...new Set(doc.slots)];
      const slots = doc.slots.map((s) => (s === distinct[0] ? distinct[1] : s));
      const bad = {
        ...story,
        documents: story.documents.map((d, i) => (i === j ? { ...d, doc: { ...doc, slots } } : d)),
      };
      const { problems, rebuildEqual, report } = await proofOf(bad);
      expect(problems).toBeGreaterThan(0);
      expect(report.readModels.ok).toBe(false);
      expect(rebuildEqual).toBe(false);
    });

    it('when one journal row has the position of the next event, then verify and the rebuild both see it', async () => {
      const r = story.journalRows.findIndex((row) => row.table === 'balance_entries');
      const values = story.journalRows[r].values.map((v) =>
        'position' in v ? { position: v.position + 1 } : v,
      );
      const bad = {
        ...story,
        journalRows: story.journalRows.map((row, i) => (i === r ? { ...row, values } : row)),
      };
      const { problems, rebuildEqual, report } = await proofOf(bad);
      expect(problems).toBeGreaterThan(0);
      expect(report.readModels.ok).toBe(false);
      expect(rebuildEqual).toBe(false);
    });

    it('when one read-model row is missing, then verify and the rebuild both see it', async () => {
      const bad = { ...story, journalRows: story.journalRows.slice(1) };
      const { problems, rebuildEqual } = await proofOf(bad);
      expect(problems).toBeGreaterThan(0);
      expect(rebuildEqual).toBe(false);
    });

    it("when one event's data names another person than the template's, then verify finds it (its hash and R-SEAT-6)", async () => {
      // A PersonMonthsClaimed event: its person key swapped for the next person's.
      const k = story.events.findIndex((e) => e.type === 'PersonMonthsClaimed');
      const e = story.events[k];
      const next = story.events[k + 1];
      // The slot after `"personKey":"` (not the masked id's: the key is what R-SEAT-6 counts by).
      const at = e.data.parts.findIndex((part) => part.endsWith('"personKey":"'));
      const [mine, theirs] = [e.data.slots[at], next.data.slots[at]];
      expect(mine).not.toBe(theirs);
      const swap = (slots: readonly number[]) => slots.map((s) => (s === mine ? theirs : s));
      const bad = {
        ...story,
        events: story.events.map((x, i) =>
          i === k
            ? {
                ...e,
                data: { ...e.data, slots: swap(e.data.slots) },
                hashInput: { ...e.hashInput, slots: swap(e.hashInput.slots) },
              }
            : x,
        ),
      };
      const { problems, report } = await proofOf(bad);
      expect(problems).toBeGreaterThan(0);
      // Not only its hash (the stream name still names the first person): R-SEAT-6 too.
      expect(report.problems.map((p) => p.check)).toContain('invariant');
    });
  });
});
