import { parentPort, workerData } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { ProblemLog, ProblemSummary } from '../audit-problem';
import type { LogCheckpoint } from '../checkpoint';
import { LogVerification, verifyLog } from '../verify-log';
import { useSequentialReadCache } from './sequential-read-cache';
import { SqliteLogTextReader } from './sqlite-log-text-reader';

/** What `startChainCheck` hands the thread: where the log is and what to check. */
export interface ChainCheckInput {
  dataDir: string;
  fileName: string;
  upToPosition: number;
  pageSize?: number;
  invariants?: boolean;
  checkpoint?: { checkpoint: LogCheckpoint; trustedKey?: KeyObject };
  problemsMax: number;
  workDir?: string;
}

export type ChainCheckMessage =
  | { kind: 'done'; log: LogVerification; problems: ProblemSummary }
  | { kind: 'failed'; message: string };

/**
 * The log half of `ledger verify` on the embedded store, on a thread of its
 * own (issue #16): hash chains, order, checkpoint and invariants over the
 * events up to the head verification fixed, read on this thread's own
 * connection. Events at or below that head never change, so a second
 * snapshot reads the same ones.
 */
async function run(input: ChainCheckInput): Promise<ChainCheckMessage> {
  const store = openLogReader(input);
  try {
    const problems = new ProblemLog(input.problemsMax);
    const reader = new SqliteLogTextReader(store.database);
    const log = await verifyLog({
      readPage: async (afterPosition, maxCount) => reader.readPage(afterPosition, maxCount),
      storedTexts: reader,
      problems,
      upToPosition: input.upToPosition,
      pageSize: input.pageSize,
      contiguousPositions: true,
      invariants: input.invariants,
      checkpoint: input.checkpoint,
      workDir: input.workDir,
    });
    return { kind: 'done', log, problems: problems.summary() };
  } finally {
    await store.close();
  }
}

/** This thread's own connection to the log, with a page cache for reading it front to back. */
export function openLogReader(
  input: Pick<ChainCheckInput, 'dataDir' | 'fileName'>,
): SqliteEventStore {
  const store = SqliteEventStore.open({
    dataDir: input.dataDir,
    fileName: input.fileName,
    groupCommit: false,
  });
  useSequentialReadCache(store.database);
  return store;
}

if (parentPort) {
  const port = parentPort;
  run(workerData as ChainCheckInput).then(
    (message) => port.postMessage(message),
    (err: unknown) =>
      port.postMessage({
        kind: 'failed',
        message: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies ChainCheckMessage),
  );
}
