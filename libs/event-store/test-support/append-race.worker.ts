/**
 * One OS process of the multi-process append race (sqlite-multi-process.int.spec.ts).
 *
 * Usage: tsx append-race.worker.ts <dataDir> <workerId> <appendCount> <streamCount> <deadlineMs>
 *
 * Opens the store, prints `ready`, waits for `go` on stdin (so both workers
 * start together), then appends `appendCount` single events round-robin over
 * `streamCount` streams, each with the exact expected revision it just read,
 * re-reading and retrying on ConcurrencyError. Prints one JSON line with its
 * counts and exits 0. Exits 3 if the deadline passes first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError } from '../src/event-store.port';
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store';

const RETRIES_PER_APPEND_MAX = 10_000;

async function main(): Promise<void> {
  const [dataDir, workerId, appendCountText, streamCountText, deadlineMsText] =
    process.argv.slice(2);
  const appendCount = Number(appendCountText);
  const streamCount = Number(streamCountText);
  const deadlineMs = Number(deadlineMsText);
  if (!dataDir || !workerId || !(appendCount > 0) || !(streamCount > 0) || !(deadlineMs > 0)) {
    throw new Error(
      'usage: append-race.worker.ts dataDir workerId appendCount streamCount deadlineMs',
    );
  }
  setTimeout(() => {
    process.stderr.write(`worker ${workerId}: deadline of ${deadlineMs} ms passed\n`);
    process.exit(3);
  }, deadlineMs).unref();

  const store = SqliteEventStore.open({ dataDir });
  process.stdout.write('ready\n');
  await waitForGo();

  let conflicts = 0;
  for (let seq = 0; seq < appendCount; seq++) {
    const stream = `race-${seq % streamCount}`;
    for (let attempt = 0; ; attempt++) {
      if (attempt >= RETRIES_PER_APPEND_MAX) throw new Error(`${stream}: too many conflicts`);
      const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      // A real decide step takes time: a pause of 0-2 ms between read and
      // write lets the other process slip in (without it the lock holder
      // keeps the lock while the other backs off in SQLite's busy handler,
      // and the two barely interleave).
      await sleep(Math.floor(Math.random() * 3));
      try {
        await store.append(
          stream,
          [
            {
              type: 'RaceAppended',
              data: { worker: workerId, seq },
              metadata: {
                actor: `worker-${workerId}`,
                role: 'test',
                businessDate: '2024-05-01',
                recordedAt: new Date().toISOString(),
              },
            },
          ],
          last === undefined ? 'no_stream' : last.revision,
        );
        break;
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        conflicts++;
      }
    }
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ workerId, appended: appendCount, conflicts })}\n`);
}

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.includes('go')) {
        process.stdin.off('data', onData);
        process.stdin.pause();
        resolve();
      }
    };
    process.stdin.on('data', onData);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
