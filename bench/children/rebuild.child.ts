/**
 * One measurement of the rebuild workload, in a process of its own so that
 * its peak RSS is its own:
 *
 *   node --import tsx bench/children/rebuild.child.ts <dataDir> rebuild|scan
 *
 * `rebuild`: what `ledger rebuild` runs (rebuildSqliteReadModels: drop the
 * read models, replay every event in pages), timed; before and after, a
 * SHA-256 over every read-model row in key order, so the rebuilt read models
 * are verified equal to the ones the inline projector wrote.
 * `scan`: the reference: raw better-sqlite3 reading every event in position
 * order and parsing its JSON, the least a replay must do.
 * `floor`: the other reference: the rows the rebuilt read models hold,
 * written raw into a scratch file in the data directory in the rebuild's
 * transactions and settings (reference/read-model-write-floor.ts), the least
 * a rebuild must write; timed without reading them.
 *
 * Prints one JSON line: events, seconds, cpuSeconds (every thread),
 * for `floor` also rows, writeSeconds and indexSeconds,
 * mainCpuSeconds and otherThreadsCpuSeconds (rebuild; thread-cpu.ts), maxRssMb (getrusage), vmHwmMb
 * (/proc/self/status), and for `rebuild` whether the read models matched.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { rebuildSqliteReadModels } from '@ledger/projections/rebuild';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { readModelDigest } from '../read-model-digest';
import { WriteFloorResult, writeReadModelsRaw } from '../reference/read-model-write-floor';
import { withThreadCpu } from './thread-cpu';

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

async function main(): Promise<void> {
  const [dataDir, mode] = process.argv.slice(2);
  if (!dataDir || (mode !== 'rebuild' && mode !== 'scan' && mode !== 'floor')) {
    throw new Error('usage: rebuild.child.ts <dataDir> rebuild|scan|floor');
  }
  // As `ledger rebuild` opens it (apps/cli/src/ledger-store.ts): no group
  // commit, so no checkpoint thread or WAL backstop of the API's (ADR 0020 §75).
  const store = SqliteEventStore.open({ dataDir, groupCommit: false });
  const db = store.database;
  let events = 0;
  let verified: boolean | undefined;
  let seconds: number;
  let cpu0 = process.cpuUsage();
  let threads: { mainCpuSeconds: number; otherThreadsCpuSeconds: number } | undefined;
  let floor: Omit<WriteFloorResult, 'cpuSeconds'> | undefined;
  let cpuSeconds: number | undefined;
  if (mode !== 'scan') {
    // The live read models as the API would have them at start (a projection
    // added since the file was written is caught up first).
    await new SqliteReadModels(db).catchUp((afterPosition, maxCount) =>
      store.readAll({ afterPosition, maxCount }),
    );
  }
  if (mode === 'floor') {
    events = (db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number) ?? 0;
    const result = writeReadModelsRaw(db, path.join(dataDir, 'write-floor.sqlite'));
    ({ cpuSeconds, ...floor } = result);
    seconds = result.writeSeconds + result.indexSeconds;
  } else if (mode === 'rebuild') {
    const before = readModelDigest(db);
    const t0 = process.hrtime.bigint();
    cpu0 = process.cpuUsage();
    const { result, ...perThread } = await withThreadCpu(() =>
      rebuildSqliteReadModels(db, (afterPosition, maxCount) =>
        store.readAll({ afterPosition, maxCount }),
      ),
    );
    seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    cpu0 = process.cpuUsage(cpu0);
    threads = perThread;
    events = result.events;
    verified = readModelDigest(db) === before;
  } else {
    const t0 = process.hrtime.bigint();
    const rows = db
      .prepare(
        'SELECT position, event_id, stream, revision, type, data, metadata FROM events ORDER BY position',
      )
      .raw()
      .iterate() as IterableIterator<unknown[]>;
    for (const row of rows) {
      JSON.parse(row[5] as string);
      JSON.parse(row[6] as string);
      events++;
    }
    seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    cpu0 = process.cpuUsage(cpu0);
  }
  await store.close();
  process.stdout.write(
    `${JSON.stringify({
      mode,
      events,
      seconds,
      eventsPerSecond: events / seconds,
      cpuSeconds: cpuSeconds ?? (cpu0.user + cpu0.system) / 1e6,
      ...threads,
      ...floor,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      vmHwmMb: vmHwmMb(),
      verified,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
