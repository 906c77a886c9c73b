import { startWorker } from './start-worker';
import type { ChainCheckInput, ChainCheckMessage } from './chain-check.worker';

export interface ChainCheckRun {
  /** Settles when the thread has posted its result (or failed). */
  result: Promise<Extract<ChainCheckMessage, { kind: 'done' }>>;
  /** Ends the thread if it still runs (verification failed elsewhere). */
  stop(): Promise<void>;
}

/** Starts `chain-check.worker` on a thread (`startWorker`). */
export function startChainCheck(input: ChainCheckInput): ChainCheckRun {
  const worker = startWorker(__filename, 'chain-check.worker', input);
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
