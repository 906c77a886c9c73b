import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../../bootstrap';
import { SqliteIdempotencyStore } from '../idempotency/sqlite-idempotency.store';
import { loadLedgerConfig } from './ledger-config';

/**
 * Issue #12, point 4: the data directory holds personal data and the
 * secrets, so the ledger makes it 0700 and every file in it 0600, whatever
 * the umask of whoever starts it (here the most careless one, 000).
 */
describe('data files are private (0700 directory, 0600 files), whatever the umask', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-modes-'));
    umask = process.umask(0o000);
  });
  afterEach(() => {
    process.umask(umask);
    fs.rmSync(root, { recursive: true, force: true });
  });

  const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
  const modesIn = (dir: string) =>
    Object.fromEntries(fs.readdirSync(dir).map((f) => [f, modeOf(path.join(dir, f))]));

  it('given a fresh data directory, when the API starts and writes, then the directory is 0700 and the database, its -wal and -shm, and the secrets are 0600', async () => {
    const dataDir = path.join(root, 'new', 'data');
    const app = await createApp({ env: { LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    try {
      await app.init();
      expect(modeOf(dataDir)).toBe('700');
      expect(modesIn(dataDir)).toEqual({
        'jwt-secret': '600',
        'person-key-secret': '600',
        'ledger.sqlite': '600',
        'ledger.sqlite-wal': '600',
        'ledger.sqlite-shm': '600',
      });
    } finally {
      await app.close();
    }
  });

  it('given a fresh directory, when the event store alone opens it (the CLI) and appends, then 0700 and 0600', async () => {
    const dataDir = path.join(root, 'cli-data');
    const store = SqliteEventStore.open({ dataDir, groupCommit: false });
    try {
      await store.append(
        's-1',
        [
          {
            type: 'T',
            data: {},
            metadata: {
              actor: 'a',
              role: 'reviewer',
              businessDate: '2023-01-01',
              recordedAt: '2023-01-01T00:00:00.000Z',
            },
          },
        ],
        'no_stream',
      );
      expect(modeOf(dataDir)).toBe('700');
      expect(modesIn(dataDir)).toEqual({
        'ledger.sqlite': '600',
        'ledger.sqlite-wal': '600',
        'ledger.sqlite-shm': '600',
      });
    } finally {
      await store.close();
    }
  });

  it('given the idempotency store opens the file first, when it creates it, then 0600 too', () => {
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: path.join(root, 'keys-first') });
    const keys = new SqliteIdempotencyStore(config.sqliteFile);
    try {
      expect(modeOf(config.sqliteFile)).toBe('600');
      expect(modeOf(`${config.sqliteFile}-wal`)).toBe('600');
      expect(modeOf(`${config.sqliteFile}-shm`)).toBe('600');
    } finally {
      keys.close();
    }
  });

  it('given a data directory that exists already with a loose mode, when the configuration is read, then it warns (and leaves a directory it did not make alone)', () => {
    const dataDir = path.join(root, 'shared');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: dataDir });
    expect(config.warnings).toEqual([expect.stringContaining('chmod 700')]);
    expect(modeOf(dataDir)).toBe('755');
  });
});
