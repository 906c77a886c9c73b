import * as fs from 'node:fs';
import {
  GENESIS_HASH,
  sealEvents,
  storedEventTexts,
} from '@ledger/event-store/integrity/event-seal';
import type { EventMetadata } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { tempDir } from '../../test-support/ledger-dir';
import { SqliteLogTextReader } from './sqlite-log-text-reader';

const metadata = { recordedAt: '2023-03-20T02:00:00.000Z', actor: 'fay' } as EventMetadata;

describe('SqliteLogTextReader (ADR 0020 §104)', () => {
  const dir = tempDir('log-text-reader');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('given a log, when read in pages, then it reads what readAll reads and keeps the texts asked for, of the last page only', async () => {
    const store = SqliteEventStore.open({ dataDir: dir });
    try {
      const sealed = sealEvents(
        's',
        0,
        GENESIS_HASH,
        [1, 2, 3].map((n) => ({ type: 'N', data: { n, b: 'x', a: 'y' }, metadata })),
      );
      await store.append('s', sealed, 'no_stream');
      const reader = new SqliteLogTextReader(store.database);
      const first = reader.readPage(0, 2);
      expect(first).toEqual(await store.readAll({ afterPosition: 0, maxCount: 2 }));
      // Asked for out of order too; each once.
      expect(reader.textsOf(first[1])).toEqual(storedEventTexts(sealed[1]));
      expect(reader.textsOf(first[0])).toEqual(storedEventTexts(sealed[0]));
      expect(reader.textsOf(first[0])).toBeUndefined();
      reader.keepFor = (position) => position !== 2;
      const again = reader.readPage(0, 3);
      expect(reader.textsOf(again[1])).toBeUndefined(); // not kept
      expect(reader.textsOf(again[2])).toEqual(storedEventTexts(sealed[2]));
      const second = reader.readPage(1, 2);
      expect(second.map((e) => e.position)).toEqual([2, 3]);
      expect(reader.textsOf(again[0])).toBeUndefined(); // of a page before
    } finally {
      await store.close();
    }
  });
});
