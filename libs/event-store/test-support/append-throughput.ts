/**
 * Single-event append throughput of SqliteEventStore: one append of one event
 * per call, exact expected revision, synchronous=FULL (an fsync per commit).
 *
 *   npx tsx libs/event-store/test-support/append-throughput.ts [appendCount] [streamCount] [dataDir]
 *
 * Defaults: 5,000 appends round-robin over 100 streams in a fresh temp dir
 * (removed afterwards; a given dataDir is kept). The figure depends on the
 * disk's fsync latency far more than on the CPU.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store';

const APPEND_COUNT_MAX = 1_000_000;

async function main(): Promise<void> {
  const appendCount = Number(process.argv[2] ?? 5_000);
  const streamCount = Number(process.argv[3] ?? 100);
  if (!Number.isInteger(appendCount) || appendCount < 1 || appendCount > APPEND_COUNT_MAX) {
    throw new RangeError(`appendCount must be 1..${APPEND_COUNT_MAX}`);
  }
  if (!Number.isInteger(streamCount) || streamCount < 1 || streamCount > appendCount) {
    throw new RangeError('streamCount must be 1..appendCount');
  }
  const givenDir = process.argv[4];
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'ledger-test-append-throughput-'));
  const store = SqliteEventStore.open({ dataDir });
  const revisions = new Map<string, number>();
  for (let s = 0; s < streamCount; s++) {
    const [last] = await store.readStream(`bench-${s}`, { direction: 'backwards', maxCount: 1 });
    if (last) revisions.set(`bench-${s}`, last.revision);
  }
  const latenciesMs: number[] = [];
  const startedAt = performance.now();
  for (let i = 0; i < appendCount; i++) {
    const stream = `bench-${i % streamCount}`;
    const expected = revisions.get(stream) ?? 'no_stream';
    const t0 = performance.now();
    const result = await store.append(
      stream,
      [
        {
          type: 'SeatClaimRecorded',
          data: { claimId: `claim-${i}`, personKey: 'k'.repeat(64), months: 3, amountFen: 150_000 },
          metadata: {
            actor: 'bench',
            role: 'clerk',
            businessDate: '2024-05-01',
            recordedAt: '2024-05-01T09:00:00.000Z',
            correlationId: `corr-${i}`,
          },
        },
      ],
      expected,
    );
    latenciesMs.push(performance.now() - t0);
    revisions.set(stream, result.nextExpectedRevision);
  }
  const elapsedMs = performance.now() - startedAt;
  const journalMode = String(store.database.pragma('journal_mode', { simple: true }));
  const synchronous = Number(store.database.pragma('synchronous', { simple: true }));
  await store.close();
  if (givenDir === undefined) rmSync(dataDir, { recursive: true, force: true });

  latenciesMs.sort((a, b) => a - b);
  const at = (q: number) =>
    latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(q * latenciesMs.length))];
  const report = {
    appendCount,
    streamCount,
    journalMode,
    synchronous: synchronous === 2 ? 'FULL' : synchronous,
    elapsedMs: Math.round(elapsedMs),
    appendsPerSecond: Math.round((appendCount / elapsedMs) * 1000),
    latencyMs: { p50: round(at(0.5)), p99: round(at(0.99)), max: round(at(1)) },
    node: process.version,
    dataDir,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
