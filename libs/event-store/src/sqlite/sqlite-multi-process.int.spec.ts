import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const ROOT = resolve(__dirname, '../../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const WORKER = join(ROOT, 'libs/event-store/test-support/append-race.worker.ts');

const WORKER_COUNT = 2;
const APPENDS_PER_WORKER = 200;
const STREAM_COUNT = 5;
/** Each worker kills itself after this; the spawn timeout and jest's are backstops. */
const WORKER_DEADLINE_MS = 60_000;

interface WorkerRun {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  exited: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
}

function startWorker(dataDir: string, workerId: string): WorkerRun {
  const child = spawn(
    TSX,
    [
      WORKER,
      dataDir,
      workerId,
      String(APPENDS_PER_WORKER),
      String(STREAM_COUNT),
      String(WORKER_DEADLINE_MS),
    ],
    { cwd: ROOT, timeout: WORKER_DEADLINE_MS + 10_000, killSignal: 'SIGKILL' },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.startsWith('ready\n')) resolveReady();
    });
    child.once('exit', () => rejectReady(new Error(`worker ${workerId} exited early: ${stderr}`)));
  });
  const exited = new Promise<WorkerRun['exited'] extends Promise<infer T> ? T : never>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, stdout, stderr })),
  );
  return { child, ready, exited };
}

describe('SqliteEventStore across OS processes', () => {
  let dataDir: string;
  let workers: WorkerRun[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-event-store-mp-'));
  });

  afterEach(() => {
    for (const { child } of workers) if (child.exitCode === null) child.kill('SIGKILL');
    workers = [];
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'given two processes racing on 5 streams of a fresh file, when each appends 200 events with exact expected revisions and retries on conflict, then every stream is contiguous and nothing is lost or duplicated',
    async () => {
      workers = ['A', 'B'].map((id) => startWorker(dataDir, id));
      await Promise.all(workers.map((w) => w.ready));
      for (const { child } of workers) child.stdin.end('go\n');
      const results = await Promise.all(workers.map((w) => w.exited));

      for (const result of results) {
        expect({ code: result.code, signal: result.signal, stderr: result.stderr }).toEqual({
          code: 0,
          signal: null,
          stderr: '',
        });
      }
      const summaries = results.map(
        (r) => JSON.parse(r.stdout.split('\n')[1]) as { appended: number; conflicts: number },
      );
      expect(summaries.map((s) => s.appended)).toEqual([APPENDS_PER_WORKER, APPENDS_PER_WORKER]);

      const store = SqliteEventStore.open({ dataDir });
      try {
        const all = await store.readAll();
        const expectedTotal = WORKER_COUNT * APPENDS_PER_WORKER;
        expect(all).toHaveLength(expectedTotal);
        expect(await store.headPosition()).toBe(all[all.length - 1].position);
        assertPositionsStrictlyIncrease(all);
        expect(new Set(all.map((e) => e.eventId)).size).toBe(expectedTotal);
        expect(new Set(all.map((e) => `${e.data.worker}:${e.data.seq}`)).size).toBe(expectedTotal);

        // The race really happened: the workers' appends interleave in $all and
        // at least one append was refused and retried (typically ~350 switches
        // and ~10 conflicts per run).
        let switches = 0;
        for (let i = 1; i < all.length; i++) {
          if (all[i].data.worker !== all[i - 1].data.worker) switches++;
        }
        expect(switches).toBeGreaterThanOrEqual(10);
        expect(summaries[0].conflicts + summaries[1].conflicts).toBeGreaterThan(0);

        for (let s = 0; s < STREAM_COUNT; s++) {
          const events = await store.readStream(`race-${s}`);
          const perStream = expectedTotal / STREAM_COUNT;
          expect(events.map((e) => e.revision)).toEqual(
            Array.from({ length: perStream }, (_, i) => i),
          );
        }
      } finally {
        await store.close();
      }
    },
    WORKER_DEADLINE_MS + 20_000,
  );
});

function assertPositionsStrictlyIncrease(events: RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    if (events[i].position <= events[i - 1].position) {
      throw new Error(
        `position ${events[i].position} after ${events[i - 1].position} at index ${i}`,
      );
    }
  }
}
