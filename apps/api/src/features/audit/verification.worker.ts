import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { verifyLedger } from '@ledger/audit';
import { EventStore } from '@ledger/event-store/event-store.port';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { LOG_ANCHOR_FILE } from '@ledger/event-store/sqlite/sqlite-log-anchor';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';

/** What the API hands the worker: where the ledger is, as its own config says. */
export interface VerificationWorkerInput {
  dataDir: string;
  anchorDir: string;
  eventStoreUrl?: string;
  workDir?: string;
}

/** What the worker posts back. */
export type VerificationWorkerMessage =
  | { kind: 'progress'; eventsChecked: number; eventsTotal: number }
  | { kind: 'done'; report: object; ok: boolean }
  | { kind: 'failed'; message: string };

/** Progress messages at most this often: a message per event would flood the API's event loop. */
const PROGRESS_EVERY_MS = 200;

/**
 * `ledger verify` (libs/audit `verifyLedger`, the code the CLI runs) off the
 * API's event loop, on its own connection to the store: the same report, the
 * same checks, read models included.
 */
async function run(input: VerificationWorkerInput): Promise<void> {
  const post = (m: VerificationWorkerMessage) => parentPort!.postMessage(m);
  let store: EventStore;
  let sqlite: SqliteEventStore | undefined;
  if (input.eventStoreUrl) {
    store = EventStoreDbEventStore.connect(input.eventStoreUrl);
  } else {
    sqlite = SqliteEventStore.open({ dataDir: input.dataDir, groupCommit: false });
    store = sqlite;
  }
  let last = 0;
  try {
    const report = await verifyLedger({
      store,
      backend: sqlite ? 'sqlite' : 'eventstoredb',
      sqlite: sqlite?.database,
      workDir: input.workDir,
      readModels: true,
      anchorFile: sqlite ? path.join(input.anchorDir, LOG_ANCHOR_FILE) : undefined,
      onProgress: (events, _position, head) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        post({ kind: 'progress', eventsChecked: events, eventsTotal: head });
      },
    });
    post({ kind: 'progress', eventsChecked: report.events, eventsTotal: report.events });
    post({ kind: 'done', report, ok: report.ok });
  } finally {
    await store.close();
  }
}

if (parentPort) {
  run(workerData as VerificationWorkerInput).catch((error: unknown) =>
    parentPort!.postMessage({
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
    } satisfies VerificationWorkerMessage),
  );
}
