import { startWorker } from './start-worker';
import type { ChainCheckInput, ChainCheckMessage } from './chain-check.worker';

/**
 * The thread's old generation, in MB. V8 lets a heap grow to up to 4x what
 * the last full GC kept when its limit is large (the default), 1.3-2x below
 * 2 GB: with 512 the thread holds ~1.4x its live state instead of ~4x
 * (issue #16: at 1M events ~55 MB live, a 250 MB heap). Past the limit the
 * thread dies (`ERR_WORKER_OUT_OF_MEMORY`) and verification checks the log
 * on the main thread instead (`verifyLedger`).
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
