import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

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

/**
 * The worker: its own connection to the file, one PASSIVE checkpoint per
 * message. Plain JavaScript, so that it runs the same compiled or from
 * TypeScript (a worker thread does not inherit tsx's or jest's loaders).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ ok: true, row: db.pragma('wal_checkpoint(PASSIVE)')[0] });
  } catch (err) {
    parentPort.postMessage({ ok: false, message: String(err && err.message) });
  }
});
`;

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
 * plus one transaction. The worker is started on the first checkpoint, so a
 * store whose WAL stays small never starts a thread. Should it fail, the
 * writer goes back to SQLite's automatic checkpoint.
 */
export class SqliteWalCheckpointer {
  private worker: Worker | undefined;
  private inFlight = false;
  private failed = false;
  private readonly noop: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    /** Called on the writer's thread after each checkpoint the worker completed. */
    private readonly onCheckpoint: () => void,
    private readonly options: WalCheckpointOptions = WAL_CHECKPOINT_DEFAULTS,
  ) {
    this.noop = db.prepare('PRAGMA wal_checkpoint(NOOP)');
    db.pragma(`wal_autocheckpoint = ${options.backstop}`);
  }

  /** After a COMMIT that wrote: starts a checkpoint on the worker when enough frames wait. */
  afterCommit(): void {
    if (this.inFlight || this.failed || this.db.inTransaction) return;
    const row = this.noop.get() as CheckpointRow;
    if (row.log - row.checkpointed < this.options.threshold) return;
    this.inFlight = true;
    (this.worker ??= this.startWorker()).postMessage('checkpoint');
  }

  /** Stops the worker (after a checkpoint it is running), before the writer closes the file. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failed = true;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref(); // until it has closed its connection
    worker.postMessage('close');
    await exited;
  }

  private startWorker(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: this.db.name },
    });
    // A store left open must not keep the process alive.
    worker.unref();
    worker.on('message', (m: { ok: boolean }) => {
      this.inFlight = false;
      if (m.ok) this.onCheckpoint();
      else this.fallBack();
    });
    worker.on('error', () => this.fallBack());
    worker.on('exit', () => {
      if (this.worker === worker) this.fallBack();
    });
    return worker;
  }

  /** The worker failed: SQLite's automatic checkpoint on the writer again, as before. */
  private fallBack(): void {
    if (this.failed) return;
    this.failed = true;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}
