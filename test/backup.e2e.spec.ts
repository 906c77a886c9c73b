import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCreditCode } from '@ledger/domain/identity/test-ids';
import { CLI_MAIN, cliEnv, runLedgerCli } from './support/ledger-cli';
import { openLedgerFileReadOnly } from './support/ledger-db';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * Issue #12, point 2: `npm run ledger -- backup --out FILE` takes a consistent
 * copy of the embedded database with SQLite's online backup while the API
 * keeps appending; a data directory made from the copy verifies.
 */
jest.setTimeout(180_000);

const reviewer = tokenFor('rita', 'reviewer');
const WRITERS = 4;

/** `ledger backup` as its own process, without blocking this one (the load keeps going). */
function backupCli(dataDir: string, out: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI_MAIN, 'backup', '--out', out], {
      env: cliEnv(dataDir),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const eventIds = (db: Database.Database, upTo: number) =>
  (
    db
      .prepare('SELECT event_id AS id FROM events WHERE position <= ? ORDER BY position')
      .all(upTo) as { id: string }[]
  ).map((r) => r.id);

describe('ledger backup while the API appends', () => {
  let ledger: LedgerProcess | undefined;
  const dirs: string[] = [];
  afterAll(async () => {
    await ledger?.kill();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('given an API under write load, when backed up, then the copy is a consistent prefix of the log and a data directory made from it verifies', async () => {
    const dataDir = tempDataDir('backup-live');
    const outDir = tempDataDir('backup-out');
    const restored = tempDataDir('backup-restored');
    dirs.push(dataDir, outDir, restored);
    ledger = await startLedger(dataDir);
    const http = new LedgerClient(ledger.baseUrl).as(reviewer);
    let seed = 9_000;
    let stop = false;
    const acknowledged: number[] = [];
    const writer = async () => {
      while (!stop) {
        const code = makeCreditCode(seed++);
        const r = await http.post('/v1/enterprises', {
          creditCode: code,
          name: `大同备份 ${code.slice(-4)} 有限公司`,
          industry: 'annotation',
          seats: 50,
          registeredOn: '2023-02-01',
        });
        expect(r.status).toBe(201);
        acknowledged.push(r.body.position);
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));

    const out = path.join(outDir, 'ledger-backup.sqlite');
    const before = acknowledged.length;
    const backup = await backupCli(dataDir, out);
    const during = acknowledged.length - before;
    while (acknowledged.length < before + during + 20) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(writers);
    await ledger.stop();

    expect({ code: backup.code, stderr: backup.stderr }).toMatchObject({ code: 0 });
    expect(during).toBeGreaterThan(0); // the API kept appending while the copy was taken
    expect(backup.stderr).toMatch(/the data directory, not one file, is the unit of backup/);
    const report = JSON.parse(backup.stdout);
    expect(report).toMatchObject({
      out,
      headPosition: expect.any(Number),
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(outDir)).toEqual(['ledger-backup.sqlite']); // no temporary left

    const copy = new Database(out, { readonly: true });
    const live = openLedgerFileReadOnly(dataDir);
    try {
      const head = report.headPosition as number;
      const liveHead = Math.max(...acknowledged);
      expect(head).toBeGreaterThan(0);
      expect(head).toBeLessThan(liveHead);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(eventIds(copy, Number.MAX_SAFE_INTEGER)).toEqual(eventIds(live, head));
    } finally {
      copy.close();
      live.close();
    }

    fs.copyFileSync(out, path.join(restored, 'ledger.sqlite'));
    const verify = runLedgerCli(restored, ['verify', '--quiet']);
    expect({ code: verify.code, stderr: verify.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(verify.stdout)).toMatchObject({
      ok: true,
      headPosition: report.headPosition,
    });
  });

  it('refuses to write over the live database, and needs --out', () => {
    const dataDir = tempDataDir('backup-refuse');
    dirs.push(dataDir);
    fs.writeFileSync(path.join(dataDir, 'ledger.sqlite'), '');
    const over = runLedgerCli(dataDir, ['backup', '--out', path.join(dataDir, 'ledger.sqlite')]);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/is the live database/);
    expect(runLedgerCli(dataDir, ['backup']).code).toBe(2);
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
