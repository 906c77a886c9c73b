import cluster, { Worker } from 'node:cluster';

/**
 * LEDGER_WORKERS=N (issue #16): this process forks N API processes that share
 * its port (node:cluster hands connections round-robin), and supervises them.
 * Each worker opens the SQLite file on its own connection; appends from
 * several processes are serialised by SQLite's write lock (ADR 0002/0003), so
 * nothing else changes. A worker that dies after it listened is replaced; SIGTERM or SIGINT
 * stops them all, then this process. When this process dies without that
 * (SIGKILL), each worker sees its IPC channel close and exits.
 */
export function superviseWorkers(workers: number): void {
  let stopping = false;
  const indexOf = new Map<Worker, number>();
  const fork = (index: number): Worker => {
    const worker = cluster.fork({ LEDGER_WORKER_INDEX: String(index) });
    indexOf.set(worker, index);
    return worker;
  };
  // A worker that dies before it listens (port taken, file unreadable) would
  // die again if replaced: everything stops instead, exit 1.
  const listened = new Set<Worker>();
  let exitCode = 0;
  cluster.on('listening', (worker) => listened.add(worker));
  cluster.on('exit', (worker, code, signal) => {
    const index = indexOf.get(worker) ?? 0;
    indexOf.delete(worker);
    if (!stopping && !listened.has(worker)) {
      process.stderr.write(`API worker ${index} exited (${signal ?? code}) before it listened\n`);
      exitCode = 1;
      stop();
    }
    listened.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    process.stderr.write(
      `API worker ${worker.process.pid} exited (${signal ?? code}); starting another\n`,
    );
    fork(index);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(exitCode);
    for (const worker of running) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < workers; i++) fork(i);
}

export const isClusterPrimary = (): boolean => cluster.isPrimary;
