import * as path from 'node:path';
import { ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` (no extension) of the directory `dir` on a
 * thread. Compiled, it is the `.js` there; run from TypeScript (tsx, jest),
 * the thread registers tsx's loader first, since a worker thread does not
 * inherit the parent's module hooks. `from` is the caller's `__filename`.
 */
export function startWorker(
  from: string,
  name: string,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const typescript = from.endsWith('.ts');
  const file = path.join(path.dirname(from), `${name}${typescript ? '.ts' : '.js'}`);
  return typescript
    ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, {
        eval: true,
        workerData,
        resourceLimits,
      })
    : new Worker(file, { workerData, resourceLimits });
}
