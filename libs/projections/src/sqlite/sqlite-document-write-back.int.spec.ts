import Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { DocumentProjection, listTermsOf, positionSortKey } from '../read-model';
import { DOCUMENTS_TABLE } from './sqlite-read-model.schema';
import { SqliteReadModelWriter } from './sqlite-read-model.writer';
import type { DocumentTable } from './document-table';
import { compareBinary } from '../queries/compare-binary';

interface Item {
  id: string;
  status: string;
  note: string;
  listedAt: number;
}

/** Documents that move between statuses, each listed under its status (list entries move too). */
const items: DocumentProjection<Item> = {
  kind: 'document',
  name: 'write-back-items',
  version: 1,
  collection: 'wb_item',
  documentIds: (e) => [String(e.data.id)],
  evolve(doc, e) {
    const d = e.data as { id: string; status?: string; note?: string };
    switch (e.type) {
      case 'Created':
        return { id: d.id, status: d.status!, note: '', listedAt: e.position };
      case 'Moved':
        return doc && { ...doc, status: d.status! };
      case 'Noted':
        return doc && { ...doc, note: d.note! };
      case 'Removed':
        return doc ? null : doc;
      default:
        return doc;
    }
  },
  listing: (doc) =>
    listTermsOf({ status: doc.status }).map((term) => ({
      term,
      sortKey: positionSortKey(doc.listedAt),
    })),
};

const event = (position: number, type: string, data: Record<string, string>): RecordedEvent => ({
  eventId: `e${position}`,
  type,
  stream: `item-${data.id}`,
  revision: 0,
  position,
  data,
  metadata: { recordedAt: '2023-03-20T02:00:00.000Z' } as RecordedEvent['metadata'],
});

// A moves away from its list and back, B is created and removed, C removed and created again.
const history = [
  event(1, 'Created', { id: 'A', status: 'open' }),
  event(2, 'Created', { id: 'C', status: 'open' }),
  event(3, 'Moved', { id: 'A', status: 'held' }),
  event(4, 'Created', { id: 'B', status: 'open' }),
  event(5, 'Moved', { id: 'A', status: 'open' }),
  event(6, 'Removed', { id: 'B' }),
  event(7, 'Removed', { id: 'C' }),
  event(8, 'Created', { id: 'C', status: 'held' }),
  event(9, 'Noted', { id: 'A', note: 'checked' }),
];

function openWriter() {
  const db = new Database(':memory:');
  return { db, writer: new SqliteReadModelWriter(db, [items]) };
}

const rows = (db: Database.Database) =>
  db
    .prepare(`SELECT collection, id, position, doc FROM ${DOCUMENTS_TABLE} ORDER BY collection, id`)
    .all();

describe('SqliteReadModelWriter: documents written once per apply call', () => {
  it('given events that move, remove and re-create documents, when applied in one call, then the rows are those of one call per event', () => {
    const one = openWriter();
    const each = openWriter();
    one.db.transaction(() => one.writer.apply(history, false))();
    for (const e of history) each.db.transaction(() => each.writer.apply([e], false))();

    expect(rows(one.db)).toEqual(rows(each.db));
    // A's document carries the last event that changed it; its entry under
    // `status=open` the event that listed it again, not the first one.
    expect(rows(one.db)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ collection: 'wb_item', id: 'A', position: 9 }),
        expect.objectContaining({ collection: 'wb_item~status=open', position: 5 }),
        expect.objectContaining({ collection: 'wb_item', id: 'C', position: 8 }),
      ]),
    );
    expect(rows(one.db).filter((r) => (r as { id: string }).id.endsWith('B'))).toEqual([]);
  });

  it('given one document changed by several events of one call, when applied, then its row is written once', () => {
    const { db, writer } = openWriter();
    db.transaction(() => writer.apply([history[0]], false))();
    const changes = () => db.prepare('SELECT total_changes()').pluck().get() as number;
    const before = changes();
    const notes = [10, 11, 12, 13].map((p) => event(p, 'Noted', { id: 'A', note: `n${p}` }));
    db.transaction(() => writer.apply(notes, false))();
    // One document upsert and one checkpoint upsert, not four of each document.
    expect(changes() - before).toBe(2);
    expect(rows(db)).toContainEqual(
      expect.objectContaining({ collection: 'wb_item', id: 'A', position: 13 }),
    );
  });

  it('given a call whose transaction is rolled back, when read, then none of its documents was written', () => {
    const { db, writer } = openWriter();
    expect(() =>
      db.transaction(() => {
        writer.apply(history, false);
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    expect(rows(db)).toEqual([]);
  });
});

/** A document table of another kind: a Map, counting the batches it was handed. */
function mapTable() {
  const docs = new Map<string, { json: string; position: number }>();
  const table: DocumentTable & { batches: number } = {
    batches: 0,
    get: (collection, id) => docs.get(`${collection}\t${id}`)?.json,
    put: (collection, id, json, position) => {
      docs.set(`${collection}\t${id}`, { json, position });
    },
    delete: (collection, id) => {
      docs.delete(`${collection}\t${id}`);
    },
    endWrites: () => {
      table.batches += 1;
    },
  };
  const rowsOf = () =>
    [...docs]
      .map(([key, d]) => {
        const tab = key.indexOf('\t'); // list entries' ids hold tabs; collections never do
        const [collection, id] = [key.slice(0, tab), key.slice(tab + 1)];
        return { collection, id, position: d.position, doc: d.json };
      })
      .sort((a, b) =>
        a.collection === b.collection
          ? compareBinary(a.id, b.id)
          : compareBinary(a.collection, b.collection),
      );
  return { table, rowsOf };
}

describe('SqliteReadModelWriter with a document table of its own (ADR 0020 §103)', () => {
  it("given the same history, when applied page by page into another table, then it holds the rows of the file's own table", () => {
    const usual = openWriter();
    const other = mapTable();
    const db = new Database(':memory:');
    const writer = new SqliteReadModelWriter(db, [items], other.table);
    const pages = [history.slice(0, 3), history.slice(3, 6), history.slice(6)];
    for (const page of pages) {
      usual.db.transaction(() => usual.writer.apply(page, false))();
      db.transaction(() => writer.apply(page, false))();
    }
    expect(other.rowsOf()).toEqual(rows(usual.db));
    // Each apply call ends its writes once; the file's own table was not written.
    expect(other.table.batches).toBe(pages.length);
    expect(rows(db)).toEqual([]);
  });
});
