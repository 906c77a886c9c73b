import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';

/**
 * The data directory holds personal data (ID numbers in events) and the
 * secrets: the ledger makes it 0700 and its files 0600 (issue #12). Modes are
 * set with chmod after creating, so a careless umask (000) cannot loosen them.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const SQLITE_SIDECARS = ['-wal', '-shm', '-journal'] as const;

/** Creates `dir` (and its parents) when missing and makes it 0700; an existing one is left as it is. */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates the SQLite file, empty and 0600, before SQLite opens it: SQLite
 * would create it 0644 less the umask, and its -wal and -shm copy the mode of
 * the main file. An existing file readable by others is tightened.
 */
export function createPrivateDatabaseFile(file: string): void {
  try {
    const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
    try {
      fchmodSync(fd, PRIVATE_FILE_MODE);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    tighten(file);
  }
}

/** After opening in WAL mode: -wal and -shm (made by SQLite, or by an older version) to 0600. */
export function restrictSqliteSidecars(file: string): void {
  for (const suffix of SQLITE_SIDECARS) tighten(`${file}${suffix}`);
}

/** chmod 600 a file readable by others; one that vanished or belongs to another user is left alone. */
function tighten(file: string): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}
