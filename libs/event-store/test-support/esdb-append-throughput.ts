/**
 * Single-event append throughput of EventStoreDbEventStore AGAINST THE
 * IN-PROCESS gRPC TEST DOUBLE — not a real EventStoreDB server. It measures
 * the adapter + @eventstore/db-client + gRPC over loopback, with the double's
 * in-memory "storage" in the same Node process (so client and server share one
 * CPU core and no disk is involved). It says nothing about a real server's
 * throughput, which is dominated by its own fsync and replication.
 *
 *   npx tsx libs/event-store/test-support/esdb-append-throughput.ts [appendCount] [streamCount]
 *
 * One append of one event per call, exact expected revision, round-robin over
 * the streams, sequential (one append in flight), once per client path
 * (Streams.Append, Streams.BatchAppend).
 */
import { performance } from 'node:perf_hooks';
import { EventStoreDbEventStore } from '../src/eventstoredb/eventstoredb-event-store';
import { AppendPath, EventStoreDbGrpcDouble } from './esdb-grpc-double/eventstoredb-grpc.double';

const APPEND_COUNT_MAX = 1_000_000;

async function measure(appendPath: AppendPath, appendCount: number, streamCount: number) {
  const double = new EventStoreDbGrpcDouble({ appendPath });
  await double.start();
  const store = EventStoreDbEventStore.connect(double.connectionString);
  try {
    // Warm-up: channel, server features, JIT.
    for (let i = 0; i < 200; i++) {
      await store.append(`warmup-${i % 10}`, [eventFor(i)], 'any');
    }
    const revisions = new Map<string, number>();
    const latenciesMs: number[] = [];
    const startedAt = performance.now();
    for (let i = 0; i < appendCount; i++) {
      const stream = `bench-${i % streamCount}`;
      const t0 = performance.now();
      const result = await store.append(
        stream,
        [eventFor(i)],
        revisions.get(stream) ?? 'no_stream',
      );
      latenciesMs.push(performance.now() - t0);
      revisions.set(stream, result.nextExpectedRevision);
    }
    const elapsedMs = performance.now() - startedAt;
    latenciesMs.sort((a, b) => a - b);
    const at = (q: number) =>
      latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(q * latenciesMs.length))];
    return {
      target: 'in-process gRPC test double (NOT a real EventStoreDB server)',
      clientPath: appendPath === 'append' ? 'Streams.Append' : 'Streams.BatchAppend',
      appendCount,
      streamCount,
      elapsedMs: Math.round(elapsedMs),
      appendsPerSecond: Math.round((appendCount / elapsedMs) * 1000),
      latencyMs: { p50: round(at(0.5)), p99: round(at(0.99)), max: round(at(1)) },
      node: process.version,
    };
  } finally {
    await store.close();
    await double.stop();
  }
}

function eventFor(i: number) {
  return {
    type: 'SeatClaimRecorded',
    data: { claimId: `claim-${i}`, personKey: 'k'.repeat(64), months: 3, amountFen: 150_000 },
    metadata: {
      actor: 'bench',
      role: 'clerk',
      businessDate: '2024-05-01',
      recordedAt: '2024-05-01T09:00:00.000Z',
      correlationId: `corr-${i}`,
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

async function main(): Promise<void> {
  const appendCount = Number(process.argv[2] ?? 5_000);
  const streamCount = Number(process.argv[3] ?? 100);
  if (!Number.isInteger(appendCount) || appendCount < 1 || appendCount > APPEND_COUNT_MAX) {
    throw new RangeError(`appendCount must be 1..${APPEND_COUNT_MAX}`);
  }
  if (!Number.isInteger(streamCount) || streamCount < 1 || streamCount > appendCount) {
    throw new RangeError('streamCount must be 1..appendCount');
  }
  for (const path of ['append', 'batch-append'] as const) {
    process.stdout.write(`${JSON.stringify(await measure(path, appendCount, streamCount))}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
