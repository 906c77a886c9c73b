import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { logHeadOf } from '@ledger/event-store/sqlite/sqlite-log-anchor';
import {
  JWT_SECRET_FILE,
  loadLedgerConfig,
  PERSON_KEY_SECRET_FILE,
} from '../../../api/src/platform/config/ledger-config';
import { CliCommand, CommandError, UsageError } from './command';

/** Pages per backup step: all of them, so the copy is one read snapshot however busy the API is. */
const ALL_PAGES = 0x7fffffff;
const BUSY_TIMEOUT_MS = 10_000;

export interface BackupReport {
  out: string;
  bytes: number;
  /** The last position in the copy, and the hash `ledger.anchor` would record for it. */
  headPosition: number;
  headHash: string | null;
  seconds: number;
}

/**
 * Takes a consistent copy of `source` into `out`: SQLite's online backup,
 * safe while the API (or several) appends, in one step (a step that another
 * connection's commit interrupts starts over, so many small steps could chase
 * a busy writer forever). The copy is written to a private temporary file,
 * switched to a rollback journal (one self-contained file), checked, fsynced
 * and only then renamed to `out`: `out` is never a half-made copy.
 */
export async function backupSqliteFile(source: string, out: string): Promise<BackupReport> {
  const started = process.hrtime.bigint();
  const tmp = `${out}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.closeSync(fs.openSync(tmp, 'wx', 0o600)); // 0600 before a byte of personal data is in it
    const live = new Database(source, {
      readonly: true,
      fileMustExist: true,
      timeout: BUSY_TIMEOUT_MS,
    });
    try {
      await live.backup(tmp, { progress: () => ALL_PAGES });
    } finally {
      live.close();
    }
    const copy = new Database(tmp);
    let head;
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new CommandError(`the copy does not check out: ${String(check)}`);
      head = logHeadOf(copy);
    } finally {
      copy.close();
    }
    fsyncPath(tmp);
    fs.renameSync(tmp, out);
    fsyncPath(path.dirname(out));
    return {
      out,
      bytes: fs.statSync(out).size,
      headPosition: head?.position ?? 0,
      headHash: head?.hash ?? null,
      seconds: Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(3)),
    };
  } finally {
    for (const leftover of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) {
      fs.rmSync(leftover, { force: true });
    }
  }
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * `ledger backup --out FILE` (issue #12): a consistent copy of the embedded
 * database while the API runs. It is the database only: the data directory
 * (with its secrets) is the unit of backup, and the command says so.
 */
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'copy the embedded database consistently while the API runs (SQLite online backup)',
  usage: 'backup --out FILE',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        strict: true,
        allowPositionals: false,
        options: { out: { type: 'string' } },
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.out) throw new UsageError('--out FILE is required');
    const config = loadLedgerConfig(io.env);
    if (config.eventStoreUrl) {
      throw new CommandError(
        'backup copies the embedded store; back up EventStoreDB and Redis with their own tools',
      );
    }
    if (!fs.existsSync(config.sqliteFile)) {
      throw new CommandError(
        `no ledger at ${config.sqliteFile} (set LEDGER_DATA_DIR to the data directory)`,
      );
    }
    const out = path.resolve(values.out);
    const live = ['', '-wal', '-shm', '-journal'].map((suffix) => `${config.sqliteFile}${suffix}`);
    if (live.includes(out) || (fs.existsSync(out) && sameFile(out, config.sqliteFile))) {
      throw new CommandError(`${out} is the live database; back up to another file`);
    }
    if (!fs.existsSync(path.dirname(out))) {
      throw new CommandError(`${path.dirname(out)} does not exist`);
    }
    const report = await backupSqliteFile(config.sqliteFile, out);
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    const secrets = [JWT_SECRET_FILE, PERSON_KEY_SECRET_FILE]
      .map((name) => path.join(config.dataDir, name))
      .filter((file) => fs.existsSync(file));
    io.stderr(
      `backup: ${out} holds the database only; the data directory, not one file, is the unit of backup` +
        (secrets.length > 0 ? `: keep ${secrets.join(' and ')} with it` : '') +
        ' (README "Operations: backup and restore")\n',
    );
    return 0;
  },
};

function sameFile(a: string, b: string): boolean {
  const [x, y] = [fs.statSync(a), fs.statSync(b)];
  return x.dev === y.dev && x.ino === y.ino;
}
