import * as fs from 'node:fs';
import { verifyLedger } from '@ledger/audit';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { addSeatHistory, captureIo, tempDir } from '../../../../libs/audit/test-support/ledger-dir';
import { runCli } from '../cli';

/**
 * Issue #16, ADR 0020 §88: `ledger verify` turns V8's allocation-site
 * pretenuring off for its process before the replay, so that no site's
 * garbage goes straight to the old generation between the replay's full
 * collections. The library leaves it on: the API's verification thread
 * shares its process with the requests. A file of its own: the flag is set
 * once a process, and jest gives each file fresh modules.
 */
jest.setTimeout(60_000);

const FLAG = '--no-allocation-site-pretenuring';
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir('verify-pretenuring');
  await addSeatHistory(dataDir, 0, 1, { claimsPerApplication: 2 });
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The module object itself: an import's copy of it would not see a spy. */
const v8Module = () => jest.requireActual<typeof import('node:v8')>('node:v8');

describe('V8 pretenuring during a verification', () => {
  it("given the library's verification (as the API's thread runs it), when it replays the read models, then V8 keeps pretenuring", async () => {
    const flags = jest.spyOn(v8Module(), 'setFlagsFromString');
    const store = SqliteEventStore.open({ dataDir, groupCommit: false });
    try {
      const report = await verifyLedger({ store, backend: 'sqlite', sqlite: store.database });
      expect(report.ok).toBe(true);
      expect(flags).not.toHaveBeenCalledWith(FLAG);
    } finally {
      flags.mockRestore();
      await store.close();
    }
  });

  it('given `ledger verify --skip-read-models`, when it runs, then V8 keeps pretenuring (no replay)', async () => {
    const flags = jest.spyOn(v8Module(), 'setFlagsFromString');
    try {
      const { io } = captureIo({ LEDGER_DATA_DIR: dataDir });
      expect(await runCli(['verify', '--quiet', '--skip-read-models'], io)).toBe(0);
      expect(flags).not.toHaveBeenCalledWith(FLAG);
    } finally {
      flags.mockRestore();
    }
  });

  it('given `ledger verify`, when it replays the read models, then V8 stops pretenuring for its process', async () => {
    const flags = jest.spyOn(v8Module(), 'setFlagsFromString');
    try {
      const { io } = captureIo({ LEDGER_DATA_DIR: dataDir });
      expect(await runCli(['verify', '--quiet'], io)).toBe(0);
      expect(flags).toHaveBeenCalledWith(FLAG);
    } finally {
      flags.mockRestore();
    }
  });
});
