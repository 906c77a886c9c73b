/**
 * One measurement of the verify workload, in a process of its own so that its
 * peak RSS is its own:
 *
 *   node --import tsx bench/children/verify.child.ts <dataDir> verify|scan
 *
 * `verify`: what `ledger verify` runs on the embedded store (verifyLedger:
 * hash chains, order, invariants, replay of the read models compared with
 * the live ones, the store's no-delete trigger), timed.
 * `scan`: the reference: raw better-sqlite3 reading every event in position
 * order, parsing its JSON and hashing it with SHA-256, the least a
 * verification must do.
 *
 * Prints one JSON line: events, seconds, cpuSeconds (every thread),
 * mainCpuSeconds and otherThreadsCpuSeconds (verify; thread-cpu.ts), maxRssMb (getrusage),
 * and for `verify` whether the report was ok and how many problems it found.
 */
import { createHash } from 'node:crypto';
import { withThreadCpu } from './thread-cpu';
import { verifyLedger } from '@ledger/audit';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { stopPretenuring } from '@ledger/projections/heap-bound';

async function main(): Promise<void> {
  const [dataDir, mode] = process.argv.slice(2);
  if (!dataDir || (mode !== 'verify' && mode !== 'scan')) {
    throw new Error('usage: verify.child.ts <dataDir> verify|scan');
  }
  const store = SqliteEventStore.open({ dataDir, groupCommit: false });
  let events = 0;
  let ok: boolean | undefined;
  let problems: number | undefined;
  const t0 = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  let threads: { mainCpuSeconds: number; otherThreadsCpuSeconds: number } | undefined;
  if (mode === 'verify') {
    stopPretenuring(); // as `ledger verify` does (verify.command.ts, ADR 0020 §88)
    const { result: report, ...perThread } = await withThreadCpu(() =>
      verifyLedger({ store, backend: 'sqlite', sqlite: store.database }),
    );
    threads = perThread;
    events = report.events;
    ok = report.ok;
    problems = report.problemCount;
  } else {
    const rows = store.database
      .prepare(
        'SELECT position, event_id, stream, revision, type, data, metadata FROM events ORDER BY position',
      )
      .raw()
      .iterate() as IterableIterator<unknown[]>;
    for (const row of rows) {
      JSON.parse(row[5] as string);
      JSON.parse(row[6] as string);
      createHash('sha256')
        .update(row[5] as string)
        .update(row[6] as string)
        .digest('hex');
      events++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  cpu = process.cpuUsage(cpu);
  await store.close();
  process.stdout.write(
    `${JSON.stringify({
      mode,
      events,
      seconds,
      eventsPerSecond: events / seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      ...threads,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      ok,
      problems,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
