import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChainCheckInput, ChainCheckMessage } from './chain-check.worker';

export interface ChainCheckRun {
  /** Settles when the thread has posted its result (or failed). */
  result: Promise<Extract<ChainCheckMessage, { kind: 'done' }>>;
  /** Ends the thread if it still runs (verification failed elsewhere). */
  stop(): Promise<void>;
}

/**
 * Starts `chain-check.worker` on a thread. Compiled, the worker is the `.js`
 * beside this file; run from TypeScript (tsx, jest), the thread registers
 * tsx's loader first, since a worker thread does not inherit the parent's
 * module hooks.
 */
export function startChainCheck(input: ChainCheckInput): ChainCheckRun {
  const typescript = __filename.endsWith('.ts');
  const file = path.join(__dirname, `chain-check.worker${typescript ? '.ts' : '.js'}`);
  const worker = typescript
    ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, {
        eval: true,
        workerData: input,
      })
    : new Worker(file, { workerData: input });
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
