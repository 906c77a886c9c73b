import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeCreditCode } from '@ledger/domain/identity/test-ids';
import { readLogAnchorSlots } from '@ledger/event-store/sqlite/log-anchor-file';
import { runLedgerCli } from './support/ledger-cli';
import {
  LedgerClient,
  startLedger,
  tempDataDir,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * Issue #12, point 2: a damaged or deleted `ledger.sqlite-wal` silently lost
 * acknowledged events, and `verify` still passed. The ledger now records its
 * log head (position and hash) after each commit in `ledger.anchor`, outside
 * the database; a log shorter than its anchor is refused at start and by
 * `verify`, naming the missing range. Refused clearly, or served whole, never
 * served short.
 */
jest.setTimeout(120_000);

const reviewer = tokenFor('rita', 'reviewer');
const COMMANDS = 12;
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

let seed = 8_800;

/** Acknowledged commands on a fresh ledger, then SIGKILL; returns the last acknowledged position. */
async function writeThenKill(dataDir: string, env: Record<string, string> = {}): Promise<number> {
  const ledger = await startLedger(dataDir, env);
  const http = new LedgerClient(ledger.baseUrl).as(reviewer);
  let last = 0;
  try {
    for (let i = 0; i < COMMANDS; i++) {
      const code = makeCreditCode(seed++);
      const r = await http.post('/v1/enterprises', {
        creditCode: code,
        name: `大同锚点 ${code.slice(-4)} 有限公司`,
        industry: 'call',
        seats: 100,
        registeredOn: '2023-01-05',
      });
      expect(r.status).toBe(201);
      last = Math.max(last, r.body.position);
    }
  } finally {
    await ledger.kill();
  }
  return last;
}

const walOf = (dataDir: string) => path.join(dataDir, 'ledger.sqlite-wal');

async function startRefused(dataDir: string, env: Record<string, string> = {}): Promise<string> {
  const started = await startLedger(dataDir, env).then(
    async (ledger) => {
      await ledger.stop();
      return undefined;
    },
    (error: Error) => error.message,
  );
  if (started === undefined) throw new Error('the ledger started on a log shorter than its anchor');
  return started;
}

describe('the log anchor: a lost or damaged WAL is refused, never served short', () => {
  const dirs: string[] = [];
  const fresh = (label: string) => {
    const dir = tempDataDir(label);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('given acknowledged events and a SIGKILL, when the WAL is intact, then the ledger starts and serves them all', async () => {
    const dataDir = fresh('anchor-intact');
    const last = await writeThenKill(dataDir);
    // The newest slot holds the last acknowledged event; the other, the anchor before it.
    const slots = readLogAnchorSlots(path.join(dataDir, 'ledger.anchor'));
    const newest = slots.reduce((a, b) => ((a?.position ?? 0) >= (b?.position ?? 0) ? a : b));
    expect(newest).toMatchObject({ position: last, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(slots.filter((slot) => slot !== undefined && slot.position < last)).toHaveLength(1);
    expect(fs.statSync(path.join(dataDir, 'ledger.anchor')).mode & 0o777).toBe(0o600);
    const ledger = await startLedger(dataDir);
    try {
      const events = await new LedgerClient(ledger.baseUrl)
        .as(tokenFor('al', 'auditor'))
        .get(`/v1/audit/events?after=${last - 1}&limit=10`);
      expect(events.status).toBe(200);
      expect(JSON.stringify(events.body)).toContain(`"position":${last}`);
    } finally {
      await ledger.stop();
    }
    expect(runLedgerCli(dataDir, ['verify', '--quiet']).code).toBe(0);
  });

  it('given acknowledged events and a SIGKILL, when the WAL is deleted, then start is refused naming the missing events, and verify fails', async () => {
    const dataDir = fresh('anchor-wal-deleted');
    const last = await writeThenKill(dataDir);
    expect(fs.statSync(walOf(dataDir)).size).toBeGreaterThan(0); // the events were in it
    fs.rmSync(walOf(dataDir));

    const refusal = await startRefused(dataDir);
    const line = new RegExp(
      `log ends at position (\\d+) but anchor says ${last}: events (\\d+)–${last} missing`,
    );
    expect(refusal).toMatch(line);
    const [, end, first] = line.exec(refusal)!;
    expect(Number(end)).toBeLessThan(last);
    expect(Number(first)).toBe(Number(end) + 1);
    // Refused again on the next try: the first refusal wrote nothing that hides the loss.
    expect(await startRefused(dataDir)).toMatch(line);

    const verify = runLedgerCli(dataDir, ['verify', '--quiet']);
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toMatch(line);
  });

  it('given acknowledged events and a SIGKILL, when bytes of the WAL are damaged, then start is refused and verify fails', async () => {
    const dataDir = fresh('anchor-wal-damaged');
    const last = await writeThenKill(dataDir);
    const wal = fs.openSync(walOf(dataDir), 'r+');
    try {
      // Inside the first frame's page: its checksum, and every frame's after it, no longer holds.
      fs.writeSync(wal, Buffer.alloc(64, 0xa5), 0, 64, WAL_HEADER_BYTES + FRAME_HEADER_BYTES + 512);
    } finally {
      fs.closeSync(wal);
    }
    const refusal = await startRefused(dataDir);
    expect(refusal).toMatch(new RegExp(`but anchor says ${last}: events \\d+–${last} missing`));
    const verify = runLedgerCli(dataDir, ['verify', '--quiet']);
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toMatch(new RegExp(`anchor says ${last}`));
  });

  it('given LEDGER_ANCHOR_DIR on other storage, when the WAL is deleted, then the anchor there refuses the start and verify', async () => {
    const dataDir = fresh('anchor-dir-data');
    const anchorDir = path.join(fresh('anchor-dir-elsewhere'), 'anchors');
    const env = { LEDGER_ANCHOR_DIR: anchorDir };
    const last = await writeThenKill(dataDir, env);
    expect(fs.existsSync(path.join(dataDir, 'ledger.anchor'))).toBe(false);
    expect(fs.statSync(path.join(anchorDir, 'ledger.anchor')).mode & 0o777).toBe(0o600);
    fs.rmSync(walOf(dataDir));
    expect(await startRefused(dataDir, env)).toMatch(new RegExp(`anchor says ${last}`));
    const verify = runLedgerCli(dataDir, ['verify', '--quiet'], env);
    expect(verify.code).not.toBe(0);
    expect(verify.stderr).toMatch(new RegExp(`anchor says ${last}`));
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
