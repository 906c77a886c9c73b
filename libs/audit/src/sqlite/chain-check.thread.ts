import type { ResourceLimits } from 'node:worker_threads';
import { startWorker } from './start-worker';
import type { ChainCheckInput, ChainCheckMessage } from './chain-check.worker';

/**
 * The thread's old generation, in MB. V8 lets a heap grow past what its last
 * full collection kept by a factor that rises with the heap's limit (up to
 * 4x from 2 GB): at 1M events the pass without a limit committed 253 MB
 * for 56 MB live, the thread with this one at most 145 MB (issue #16). Past the limit the
 * thread dies (`ERR_WORKER_OUT_OF_MEMORY`) having reported nothing, and
 * `verifyLedger` checks the log on the main thread instead.
 */
export const CHAIN_CHECK_HEAP_MB = 512;

/**
 * The thread's young generation, in MB (two semi-spaces of a third each).
 * A worker otherwise gets V8's default, 48 MB with a 32 MB new space, which
 * the log's pass fills and keeps resident while it holds ~55 MB live at 1M
 * events: with 16 the peak RSS of verify fell 303 -> 283 and 312 -> 282 MB
 * at 1M events, 229 -> 206 and 232 -> 204 MB at 200k, CPU within the runs'
 * spread (ADR 0020 §79). With 12, and the main thread no longer
 * pretenuring (§88): 204.5-212.2 -> 196.9-199.4 MB at 1M in 5 pairs, for
 * ~5 % of the speed (§89); 8 cost ~12 % (eighteenth amendment).
 */
export const CHAIN_CHECK_YOUNG_MB = 12;

export interface ChainCheckRun {
  /** Settles when the thread has posted its result (or failed). */
  result: Promise<Extract<ChainCheckMessage, { kind: 'done' }>>;
  /** Ends the thread if it still runs (verification failed elsewhere). */
  stop(): Promise<void>;
  /** The heap limits the thread runs with, as Node reports them (empty once it has stopped). */
  resourceLimits: ResourceLimits;
}

/** Starts `chain-check.worker` on a thread (`startWorker`). */
export function startChainCheck(
  input: ChainCheckInput,
  heapMb: number = CHAIN_CHECK_HEAP_MB,
): ChainCheckRun {
  const worker = startWorker(__filename, 'chain-check.worker', input, {
    maxOldGenerationSizeMb: heapMb,
    maxYoungGenerationSizeMb: CHAIN_CHECK_YOUNG_MB,
  });
  let settled = false;
  const result = new Promise<Extract<ChainCheckMessage, { kind: 'done' }>>((resolve, reject) => {
    worker.once('message', (m: ChainCheckMessage) => {
      settled = true;
      if (m.kind === 'done') resolve(m);
      else reject(new Error(`hash-chain check failed: ${m.message}`));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`hash-chain check thread exited with code ${code}`));
    });
  });
  // A failure elsewhere may leave the result unread: it is reported there.
  result.catch(() => undefined);
  return {
    result,
    async stop() {
      await worker.terminate();
    },
    get resourceLimits() {
      return worker.resourceLimits ?? {};
    },
  };
}
