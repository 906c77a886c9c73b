import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addSeatHistory } from '../libs/audit/test-support/ledger-dir';
import { CLI_MAIN, cliEnv, runLedgerCli } from './support/ledger-cli';
import {
  LedgerClient,
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * A verification run that a stop or a kill -9 cut short leaves no replay or
 * spill files behind: not in the system's temporary folder (the processes'
 * own TMPDIR here, watched), and not, after the next start or run, under the
 * data dir; the API's runs and `ledger verify` alike.
 * Before, a SIGTERM during a run left `ledger-verify-*` in the temporary
 * folder (a terminated worker runs no `finally`), one per interrupted run.
 */
jest.setTimeout(300_000);

afterAll(() => removeTempDataDirs());

const auditor = tokenFor('al', 'auditor');

/** `ledger-verify-*` entries anywhere under `dir`, as paths relative to it. */
function verifyFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) =>
    path.basename(p).startsWith('ledger-verify-'),
  );
}

interface RecordedRun {
  verificationId: string;
  status: string;
  report: { error?: string } | null;
}

describe('the work files of a verification run cut short', () => {
  const dataDir = tempDataDir('verification-work');
  const apiTmp = tempDataDir('verification-work-tmpdir');
  const workRoot = path.join(dataDir, 'verification-work');
  let ledger: LedgerProcess | undefined;

  const start = async () => {
    ledger = await startLedger(dataDir, { TMPDIR: apiTmp });
    return new LedgerClient(ledger.baseUrl).as(auditor);
  };

  /** Returns once a replay file exists, wherever it is. */
  async function replayFileSeen(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const seen = [...verifyFilesUnder(apiTmp), ...verifyFilesUnder(workRoot)];
      if (seen.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('no replay file appeared in 60 s');
  }

  /** Starts a run and returns once its replay file exists, the run still going. */
  async function runUnderWay(http: LedgerClient): Promise<string> {
    const started = await http.post('/v1/audit/verifications', {});
    expect(started.status).toBe(202);
    await replayFileSeen();
    return started.body.verificationId;
  }

  /** The run as the API recorded it: it must have been cut short, not finished. */
  function recorded(verificationId: string): RecordedRun {
    const runs = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'verifications.json'), 'utf8'),
    ) as RecordedRun[];
    return runs.find((r) => r.verificationId === verificationId)!;
  }

  beforeAll(async () => {
    // ~12k events: a run takes about a second, long enough to be stopped.
    await addSeatHistory(dataDir, 0, 300, { claimsPerApplication: 3 });
  });
  afterAll(async () => {
    await ledger?.kill();
  });

  it('given a run under way, when the API is stopped (SIGTERM), then no replay or spill file is left anywhere', async () => {
    const http = await start();
    const verificationId = await runUnderWay(http);
    await ledger!.stop();
    const run = recorded(verificationId);
    expect(run.status === 'running' || run.report?.error !== undefined).toBe(true);
    expect(verifyFilesUnder(apiTmp)).toEqual([]);
    expect(verifyFilesUnder(workRoot)).toEqual([]);
  });

  it('given a run under way, when the API is killed (kill -9), then its files stay under the data dir only, and the next start removes them and reports the run interrupted', async () => {
    const http = await start();
    const verificationId = await runUnderWay(http);
    const pid = ledger!.child.pid!;
    await ledger!.kill();
    expect(recorded(verificationId).status).toBe('running');
    expect(verifyFilesUnder(apiTmp)).toEqual([]);
    const left = verifyFilesUnder(workRoot);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((p) => p.startsWith(`${pid}${path.sep}${verificationId}${path.sep}`))).toBe(
      true,
    );

    const again = await start();
    expect(verifyFilesUnder(workRoot)).toEqual([]);
    expect(fs.readdirSync(workRoot)).toEqual([]);
    const latest = await again.get('/v1/audit/verifications/latest');
    expect(latest.body).toMatchObject({
      verificationId,
      status: 'failed',
      report: { error: expect.stringContaining('interrupted') },
    });
    await ledger!.stop();
  });

  it('given `ledger verify` under way, when it is killed (kill -9), then its files stay under the data dir only, and the next verify removes them', async () => {
    const child = spawn(process.execPath, [CLI_MAIN, 'verify', '--quiet'], {
      env: cliEnv(dataDir, { TMPDIR: apiTmp }),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await replayFileSeen();
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBeNull(); // killed, not finished
    expect(verifyFilesUnder(apiTmp)).toEqual([]);
    const left = verifyFilesUnder(workRoot);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((p) => p.startsWith(`${child.pid}${path.sep}`))).toBe(true);

    const again = runLedgerCli(dataDir, ['verify', '--quiet'], { TMPDIR: apiTmp });
    expect({ code: again.code, ok: JSON.parse(again.stdout || '{}').ok }).toEqual({
      code: 0,
      ok: true,
    });
    expect(fs.readdirSync(workRoot)).toEqual([]);
    expect(verifyFilesUnder(apiTmp)).toEqual([]);
  });
});
