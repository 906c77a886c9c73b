import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import {
  createReadModelTables,
  DOCUMENTS_TABLE,
} from '@ledger/projections/sqlite/sqlite-read-model.schema';
import { sqliteDocumentTable } from '@ledger/projections/sqlite/document-table';
import { tempDir } from '../test-support/ledger-dir';
import {
  compareReplayedDocuments,
  COMPARE_BATCH_ROWS,
  ReplayDocumentFile,
} from './replay-document-file';

const dirs: string[] = [];
const files: ReplayDocumentFile[] = [];
const open = () => {
  const dir = tempDir('replay-documents');
  dirs.push(dir);
  const file = new ReplayDocumentFile(dir);
  files.push(file);
  return file;
};
afterAll(() => {
  for (const f of files) f.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A live read-model file holding `docs` (collection, id, json, position). */
function liveFile(docs: [string, string, string, number][]): Database.Database {
  const db = new Database(':memory:');
  createReadModelTables(db);
  const table = sqliteDocumentTable(db);
  for (const [collection, id, json, position] of docs) table.put(collection, id, json, position);
  return db;
}

describe('ReplayDocumentFile (ADR 0020 §103)', () => {
  it('given documents put, written again and deleted across batches, when read, then each is as it was left', () => {
    const file = open();
    file.put('c', 'a', '{"v":1}', 1);
    file.put('c', 'b', '{"v":2}', 2);
    file.endWrites();
    file.put('c', 'a', '{"v":3}', 3); // again, after it reached the file
    file.delete('c', 'b');
    file.put('c', 'd', '{"v":4}', 4);
    file.delete('c', 'd'); // put and deleted in one batch
    expect(file.get('c', 'a')).toBe('{"v":3}'); // before the batch ends, from memory
    file.endWrites();
    expect(file.get('c', 'a')).toBe('{"v":3}');
    expect(file.get('c', 'b')).toBeUndefined();
    expect(file.get('c', 'd')).toBeUndefined();
    expect(file.get('other', 'a')).toBeUndefined();
  });

  it.each([false, true])(
    'given texts of every kind and ids with tabs, when written and compared (read on a thread: %s), then they are exact',
    async (readOnThread) => {
      const file = open();
      const texts = ['{"name":"张三"}', '{"s":"\\ud800"}', `{"big":"${'x'.repeat(70_000)}"}`, '{}'];
      const docs = texts.map(
        (json, i) =>
          ['c~status=open', `000${i}\tid-${i}`, json, 10 + i] as [string, string, string, number],
      );
      for (const [collection, id, json, position] of docs) file.put(collection, id, json, position);
      file.endWrites();
      for (const [collection, id, json] of docs) expect(file.get(collection, id)).toBe(json);
      const reports: string[] = [];
      const compared = await compareReplayedDocuments(
        liveFile(docs),
        file,
        (_, message) => reports.push(message),
        { readOnThread },
      );
      expect(reports).toEqual([]);
      expect(compared).toBe(4);
      expect([...file.remaining()]).toEqual([]); // each taken out once
    },
  );

  it('given more than a batch of texts in one call, when written out early, then every one of them is kept', () => {
    const file = open();
    const json = `{"pad":"${'p'.repeat(10_000)}"}`;
    for (let i = 0; i < 40; i++) file.put('c', `id-${i}`, json, i + 1);
    file.endWrites();
    for (let i = 0; i < 40; i++) expect(file.get('c', `id-${i}`)).toBe(json);
  });

  it.each([false, true])(
    'given a replay and a live file that differ, when compared (read on a thread: %s), then each difference is reported at its position',
    async (readOnThread) => {
      const file = open();
      file.put('c', 'same', '{"a":1,"b":2}', 5);
      file.put('c', 'reordered', '{"a":1,"b":2}', 6);
      file.put('c', 'changed', '{"a":1}', 7);
      file.put('c', 'moved', '{"a":1}', 8);
      file.put('c', 'missing-live', '{"a":1}', 9);
      file.endWrites();
      const live = liveFile([
        ['c', 'same', '{"a":1,"b":2}', 5],
        ['c', 'reordered', '{"b":2,"a":1}', 6], // the same JSON value: no difference
        ['c', 'changed', '{"a":2}', 3],
        ['c', 'moved', '{"a":1}', 2],
        ['c', 'extra-live', '{"a":1}', 11],
      ]);
      const reports: [number, string][] = [];
      const compared = await compareReplayedDocuments(
        live,
        file,
        (position, message) => reports.push([position, message]),
        { readOnThread },
      );
      expect(compared).toBe(6);
      expect(reports.sort((x, y) => x[0] - y[0])).toEqual([
        [7, 'c changed: the live document differs from the replay of the events'],
        [8, 'c moved: last written at position 2 live, 8 by the replay'],
        [9, 'c missing-live: missing from the live read model'],
        [11, 'c extra-live: in the live read model, but no event makes it'],
      ]);
    },
  );

  it.each([false, true])(
    'given more documents than a batch, written over, of sizes around the first read, when compared (read on a thread: %s), then every one is matched or reported',
    async (readOnThread) => {
      const file = open();
      const count = COMPARE_BATCH_ROWS * 3 + 7;
      const docs: [string, string, string, number][] = [];
      for (let i = 0; i < count; i++) {
        // Sizes around the first read's 512 bytes, and a few large ones.
        const json = `{"i":${i},"pad":"${'p'.repeat((i * 37) % 1_500)}"}`;
        file.put('c', `id-${i}`, '{"old":true}', i + 1);
        docs.push(['c', `id-${i}`, json, count + i + 1]);
      }
      file.endWrites();
      for (const [collection, id, json, position] of docs) file.put(collection, id, json, position);
      file.endWrites();
      const live = liveFile(docs.filter((_, i) => i !== 100));
      live.prepare(`UPDATE ${DOCUMENTS_TABLE} SET doc = '{}' WHERE id = 'id-150'`).run();
      const reports: string[] = [];
      const compared = await compareReplayedDocuments(
        live,
        file,
        (_, message) => reports.push(message),
        { readOnThread },
      );
      expect(compared).toBe(count);
      expect(reports.sort()).toEqual([
        'c id-100: missing from the live read model',
        'c id-150: the live document differs from the replay of the events',
      ]);
    },
  );

  it('given a reader thread whose file is gone, when compared, then the comparison fails and says why', async () => {
    const file = open();
    file.put('c', 'a', '{}', 1);
    file.endWrites();
    fs.rmSync(file.path, { force: true });
    await expect(
      compareReplayedDocuments(liveFile([['c', 'a', '{}', 1]]), file, () => undefined, {
        readOnThread: true,
      }),
    ).rejects.toThrow(/spill file reader/);
  });
});
