import { ServiceUnavailableException } from '@nestjs/common';
import { statfsSync } from 'node:fs';

/**
 * A full disk is an operator's problem, not a bug, and nothing was written:
 * SQLite rolls the transaction back. So it answers 503 "storage full" with
 * Retry-After, and the client may retry once space is freed.
 */
export class StorageFullException extends ServiceUnavailableException {
  readonly retryAfterSeconds = STORAGE_FULL_RETRY_AFTER_SECONDS;
  constructor() {
    super('storage full');
  }
}

export const STORAGE_FULL_RETRY_AFTER_SECONDS = 10;
/** Below this much free space, an I/O error on the data directory is taken for a full disk. */
const ROOM_BYTES_MIN = 1024 * 1024;
const CAUSES_MAX = 3;

/**
 * SQLITE_FULL (SQLite turns ENOSPC on a write into it), ENOSPC or EDQUOT from
 * Node, or an SQLITE_IOERR* (an fsync or a -shm mapping failing for want of
 * space) while the data directory's file system has less than 1 MiB left.
 * Looks through `cause` a few levels deep.
 */
export function isStorageFull(
  error: unknown,
  dataDir: string,
  freeBytes: (dir: string) => number | undefined = freeBytesOf,
): boolean {
  let current: unknown = error;
  for (
    let depth = 0;
    depth < CAUSES_MAX && typeof current === 'object' && current !== null;
    depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true;
    if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) {
      const free = freeBytes(dataDir);
      return free !== undefined && free < ROOM_BYTES_MIN;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Bytes an unprivileged process may still write under `dir`; undefined when unknown. */
function freeBytesOf(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}
