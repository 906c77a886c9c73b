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

export interface ChainCheckRun {
  /** Settles when the thread has posted its result (or failed). */
  result: Promise<Extract<ChainCheckMessage, { kind: 'done' }>>;
  /** Ends the thread if it still runs (verification failed elsewhere). */
  stop(): Promise<void>;
}

/** Starts `chain-check.worker` on a thread (`startWorker`). */
export function startChainCheck(
  input: ChainCheckInput,
  heapMb: number = CHAIN_CHECK_HEAP_MB,
): ChainCheckRun {
  const worker = startWorker(__filename, 'chain-check.worker', input, {
    maxOldGenerationSizeMb: heapMb,
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
  };
}
