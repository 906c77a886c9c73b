import type Database from 'better-sqlite3';
import * as fs from 'node:fs';

/** How far ahead of the writer the WAL file is grown, in bytes. */
export interface WalPreallocationOptions {
  /** Frames in the WAL before it is grown at all: a small store's WAL is left alone. Default 500. */
  startFrames: number;
  /** Each growth, and how near the end of the file the frames may come before the next. Default 8 MiB. */
  chunkBytes: number;
  /**
   * The file is never grown past this many frames: the checkpoint backstop,
   * where the WAL restarts at the latest (sqlite-wal-checkpointer.ts). Default 8,000.
   */
  maxFrames: number;
}

export const WAL_PREALLOCATION_DEFAULTS: WalPreallocationOptions = {
  startFrames: 500,
  chunkBytes: 8 * 1024 * 1024,
  maxFrames: 8_000,
};

const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
const ZEROS = Buffer.alloc(1024 * 1024);

/**
 * Grows the `-wal` file in chunks ahead of the frames SQLite writes into it
 * (ADR 0020 §61). SQLite grows the file one commit at a time, and a sync of a
 * file that grew must also commit the file system's record of its new blocks
 * and size; while the checkpoint thread lets the WAL run up to its backstop,
 * every commit of a fresh WAL paid that. A frame written over bytes the file
 * already has syncs only its data, as it does once the WAL has restarted
 * inside a file that earlier commits grew.
 *
 * Safe because of where the bytes go: only past the file's current end,
 * under SQLite's write lock (`BEGIN IMMEDIATE`), so no frame of this process
 * or another is there or can be written meanwhile. SQLite reads frames from
 * the WAL's start and stops at the first whose salt and checksum do not
 * follow, so zeros past the last commit are never taken for frames, as the
 * stale frames of a restarted WAL are not. A failed growth (a full disk)
 * gives the bytes back and stops growing for this connection; the commit it
 * followed is untouched.
 */
export class SqliteWalPreallocator {
  private readonly frameBytes: number;
  private readonly maxBytes: number;
  private readonly file: string;
  /** The file's size as last grown or seen; a truncation elsewhere is seen at the next growth. */
  private sizeBytes = 0;
  private stopped = false;

  constructor(
    private readonly db: Database.Database,
    private readonly onFailure: (error: Error) => void,
    private readonly options: WalPreallocationOptions = WAL_PREALLOCATION_DEFAULTS,
  ) {
    this.frameBytes = WAL_FRAME_HEADER_BYTES + (db.pragma('page_size', { simple: true }) as number);
    this.maxBytes = WAL_HEADER_BYTES + options.maxFrames * this.frameBytes;
    this.file = `${db.name}-wal`;
  }

  /** After a commit, outside any transaction, with the frames the WAL now holds. */
  afterCommit(logFrames: number): void {
    if (this.stopped || logFrames < this.options.startFrames) return;
    const usedBytes = WAL_HEADER_BYTES + logFrames * this.frameBytes;
    const ahead = this.sizeBytes - usedBytes;
    if (ahead > this.options.chunkBytes / 2 || this.sizeBytes >= this.maxBytes) return;
    try {
      this.db.transaction(() => this.grow(usedBytes)).immediate();
    } catch (error) {
      this.stopped = true;
      this.onFailure(error as Error);
    }
  }

  private grow(usedBytes: number): void {
    const fd = fs.openSync(this.file, 'r+');
    let fileBytes: number | undefined;
    try {
      fileBytes = fs.fstatSync(fd).size;
      const target = Math.min(
        this.maxBytes,
        Math.max(fileBytes, usedBytes) + this.options.chunkBytes,
      );
      for (let at = fileBytes; at < target; at += ZEROS.length) {
        fs.writeSync(fd, ZEROS, 0, Math.min(ZEROS.length, target - at), at);
      }
      if (target > fileBytes) fs.fdatasyncSync(fd);
      this.sizeBytes = Math.max(fileBytes, target);
    } catch (error) {
      // Give the space back: nothing of SQLite's lies past the size it had.
      if (fileBytes !== undefined) fs.ftruncateSync(fd, fileBytes);
      throw error;
    } finally {
      fs.closeSync(fd);
    }
  }
}
