import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, sealEvents, storedEventTexts } from '../integrity/event-seal';
import type { EventMetadata, EventToAppend } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const metadata = {
  recordedAt: '2023-03-20T02:00:00.000Z',
  actor: 'fay',
  role: 'finance',
} as EventMetadata;
const unsorted = (): EventToAppend[] => [
  { type: 'Paid', data: { trancheId: 't1', amountFen: 250_000, '10': 'b', '9': 'a' }, metadata },
  { type: 'Noted', data: { z: { y: 1, x: [2, { b: 1, a: 0 }] } }, metadata },
];

describe('SqliteEventStore: the texts it stores (ADR 0020 §104)', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-stored-texts-'));
    store = SqliteEventStore.open({ dataDir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const storedRows = () =>
    store.database.prepare('SELECT data, metadata FROM events ORDER BY position').all() as {
      data: string;
      metadata: string;
    }[];

  it('given sealed events, when appended, then each row holds its canonical texts and reads back as the same values', async () => {
    const sealed = sealEvents('s-1', 0, GENESIS_HASH, unsorted());
    await store.append('s-1', sealed, 'no_stream');
    expect(storedRows()).toEqual(sealed.map((e) => storedEventTexts(e)));
    expect(storedRows()[0].data).toBe('{"10":"b","9":"a","amountFen":250000,"trancheId":"t1"}');
    const read = await store.readStream('s-1');
    expect(read.map((e) => [e.data, e.metadata])).toEqual(sealed.map((e) => [e.data, e.metadata]));
  });

  it('given events without a hash, when appended, then they are stored as JSON.stringify writes them', async () => {
    const events = unsorted();
    await store.append('s-2', events, 'no_stream');
    expect(storedRows()).toEqual(
      events.map((e) => ({ data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) })),
    );
  });
});
