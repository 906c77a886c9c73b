import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { SqliteWalPreallocator, WAL_PREALLOCATION_DEFAULTS } from './sqlite-wal-preallocator';

/** When the WAL is checkpointed, in pages (frames) of the WAL. */
export interface WalCheckpointOptions {
  /**
   * Frames not yet copied into the database that start a checkpoint on the
   * worker thread. Default 1,000: SQLite's own auto-checkpoint threshold.
   */
  threshold: number;
  /**
   * Frames in the WAL at which the writer checkpoints on its own commit, as
   * SQLite's auto-checkpoint: the bound on the WAL when the worker has not
   * caught up or the WAL could not restart (it restarts only when a write
   * begins with every frame copied). Default 8,000 (32 MiB of 4 KiB pages).
   */
  backstop: number;
}

export const WAL_CHECKPOINT_DEFAULTS: WalCheckpointOptions = { threshold: 1_000, backstop: 8_000 };

/** What `PRAGMA wal_checkpoint` answers: frames in the WAL, frames copied into the database. */
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

/** A message to the worker: a checkpoint of `file`, or (no file) close the connection of `id`. */
interface WorkerRequest {
  id: number;
  file?: string;
}

/** The worker's answer to a request of store `id`. */
interface WorkerReply {
  id: number;
  /** The connection of `id` is closed (the answer to a request without a file). */
  closed?: boolean;
  ok?: boolean;
}

/**
 * The worker: a connection of its own to each store's file, opened at that
 * store's first checkpoint, one PASSIVE checkpoint per message. Plain
 * JavaScript, so that it runs the same compiled or from TypeScript (a worker
 * thread does not inherit tsx's or jest's loaders).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const dbs = new Map();
parentPort.on('message', ({ id, file }) => {
  if (file === undefined) {
    const db = dbs.get(id);
    dbs.delete(id);
    try { if (db) db.close(); } finally { parentPort.postMessage({ id, closed: true }); }
    return;
  }
  try {
    let db = dbs.get(id);
    if (db === undefined) {
      db = new Database(file, { fileMustExist: true });
      dbs.set(id, db);
    }
    parentPort.postMessage({ id, ok: true, row: db.pragma('wal_checkpoint(PASSIVE)')[0] });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: String(err && err.message) });
  }
});
`;

/** A store's side of the shared worker. */
interface WorkerUser {
  onReply(reply: WorkerReply): void;
  /** The thread failed or exited: no reply will come. */
  onLost(): void;
}

/**
 * One checkpoint thread per process for every store in it (ADR 0020 §56): a
 * thread's start costs 60–100 ms of CPU, which each store opened in a process
 * (tests, the bench, tools that open several files) paid again. It stops
 * when the last store using it has closed.
 */
class SharedCheckpointThread {
  private static current: SharedCheckpointThread | undefined;
  private static nextId = 1;
  private readonly users = new Map<number, WorkerUser>();
  /** Closes waiting for their reply: the thread keeps the process alive meanwhile. */
  private closing = 0;
  private readonly worker: Worker;

  private constructor() {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3') },
    });
    // A store left open must not keep the process alive.
    this.worker.unref();
    this.worker.on('message', (m: WorkerReply) => this.users.get(m.id)?.onReply(m));
    this.worker.on('error', () => this.lose());
    this.worker.on('exit', () => this.lose());
  }

  static newId(): number {
    return SharedCheckpointThread.nextId++;
  }

  /** The process's thread, started on the first call. */
  static attach(id: number, user: WorkerUser): SharedCheckpointThread {
    const thread = (SharedCheckpointThread.current ??= new SharedCheckpointThread());
    thread.users.set(id, user);
    return thread;
  }

  checkpoint(id: number, file: string): void {
    this.worker.postMessage({ id, file } satisfies WorkerRequest);
  }

  /**
   * Closes the connection of `id` on the thread and settles once it is closed
   * (or the thread is gone); the thread itself stops when no store uses it.
   */
  detach(id: number): Promise<void> {
    const user = this.users.get(id);
    if (user === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        this.users.delete(id);
        if (--this.closing === 0) this.worker.unref();
        if (this.users.size === 0 && SharedCheckpointThread.current === this) {
          SharedCheckpointThread.current = undefined;
          void this.worker.terminate().then(() => resolve());
        } else {
          resolve();
        }
      };
      this.users.set(id, { onReply: (m) => m.closed && done(), onLost: done });
      if (this.closing++ === 0) this.worker.ref(); // until the connection is closed
      this.worker.postMessage({ id } satisfies WorkerRequest);
    });
  }

  /** The thread failed or exited: every store falls back to SQLite's own checkpoint. */
  private lose(): void {
    if (SharedCheckpointThread.current === this) SharedCheckpointThread.current = undefined;
    const users = [...this.users.values()];
    this.users.clear();
    for (const user of users) user.onLost();
  }
}

/**
 * WAL checkpoints off the commit path (ADR 0020 §25). SQLite's automatic
 * checkpoint runs inside the COMMIT that takes the WAL past 1,000 frames:
 * the committing thread copies every page into the database file and syncs
 * it while its callers wait. Here the writer's own auto-checkpoint is only a
 * backstop; after each commit the writer asks (`wal_checkpoint(NOOP)`, a few
 * microseconds) how many frames are not yet copied, and past `threshold` a
 * worker thread with a connection of its own runs a PASSIVE checkpoint
 * beside the next commits. A checkpoint changes no committed content, so
 * durability is the WAL's and the COMMIT's as before (an acknowledged append
 * survives kill -9); it only decides when pages reach the database file.
 *
 * The WAL restarts from its start at the first write that begins with every
 * frame copied; should the worker never catch up between commits, the
 * backstop makes the writer checkpoint itself (only the frames the worker has
 * not copied) and the WAL restarts then: it stays under `backstop` frames
 * plus one transaction. The worker (one thread per process, shared by its
 * stores) is started on the first checkpoint, so a
 * store whose WAL stays small never starts a thread. Should it fail, the
 * writer goes back to SQLite's automatic checkpoint.
 */
export class SqliteWalCheckpointer {
  /** The process's checkpoint thread, once this store has used it. */
  private thread: SharedCheckpointThread | undefined;
  private readonly id = SharedCheckpointThread.newId();
  private inFlight = false;
  private failed = false;
  private readonly noop: Database.Statement;
  private readonly preallocator: SqliteWalPreallocator;

  constructor(
    private readonly db: Database.Database,
    /** Called on the writer's thread after each checkpoint the worker completed. */
    private readonly onCheckpoint: () => void,
    private readonly options: WalCheckpointOptions = WAL_CHECKPOINT_DEFAULTS,
  ) {
    this.noop = db.prepare('PRAGMA wal_checkpoint(NOOP)');
    db.pragma(`wal_autocheckpoint = ${options.backstop}`);
    // The WAL runs up to the backstop between restarts: grow its file ahead of it (§61).
    this.preallocator = new SqliteWalPreallocator(
      db,
      (error) =>
        process.emitWarning(`could not grow ${db.name}-wal ahead of its frames: ${error.message}`),
      { ...WAL_PREALLOCATION_DEFAULTS, maxFrames: options.backstop },
    );
  }

  /** After a COMMIT that wrote: starts a checkpoint on the worker when enough frames wait. */
  afterCommit(): void {
    if (this.failed || this.db.inTransaction) return;
    const row = this.noop.get() as CheckpointRow;
    this.preallocator.afterCommit(row.log);
    if (this.inFlight || row.log - row.checkpointed < this.options.threshold) return;
    this.inFlight = true;
    this.thread ??= SharedCheckpointThread.attach(this.id, {
      onReply: (m) => {
        this.inFlight = false;
        if (m.ok) this.onCheckpoint();
        else this.fallBack();
      },
      onLost: () => {
        this.thread = undefined;
        this.fallBack();
      },
    });
    this.thread.checkpoint(this.id, this.db.name);
  }

  /**
   * Closes this store's connection on the worker (after a checkpoint it is
   * running) before the writer closes the file; the thread stops with the last store.
   */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    this.failed = true;
    await thread?.detach(this.id);
  }

  /** The worker failed: SQLite's automatic checkpoint on the writer again, as before. */
  private fallBack(): void {
    if (this.failed) return;
    this.failed = true;
    const thread = this.thread;
    this.thread = undefined;
    // Only this store's connection: the thread may serve others.
    void thread?.detach(this.id);
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}
