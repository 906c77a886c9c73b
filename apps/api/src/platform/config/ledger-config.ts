import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensurePrivateDir } from '@ledger/event-store/sqlite/private-files';
import { formatDuration, parseDurationSeconds } from './duration';

/**
 * Process configuration, read once from the environment at start-up. A plain
 * function (no Nest) so the CLI resolves the data directory and the secrets
 * exactly as the API does: a token minted by `npm run token` on a fresh machine
 * works against `npm start` on the same data directory.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LedgerConfig {
  /** TCP port; 0 lets the OS choose (tests). */
  readonly port: number;
  /** Absolute path; created if missing. */
  readonly dataDir: string;
  /** `<dataDir>/ledger.sqlite`: the embedded event store and the idempotency keys share it. */
  readonly sqliteFile: string;
  /**
   * Where the embedded store keeps `ledger.anchor`, the log head recorded after
   * each commit outside the database (`LEDGER_ANCHOR_DIR`, default the data
   * directory; meant for other storage than the database's).
   */
  readonly anchorDir: string;
  /** HS256 key for actor tokens, at least 32 bytes. */
  readonly jwtSecret: string;
  /** `LEDGER_JWT_MAX_TTL`: the longest a token may live, `exp` after `iat`. */
  readonly jwtMaxTtlSeconds: number;
  /** Key of the HMAC-SHA-256 that turns a person ID number into a stream key. */
  readonly personKeySecret: string;
  /** The body limit as configured, e.g. `10mb` (used in error messages). */
  readonly bodyLimit: string;
  readonly bodyLimitBytes: number;
  readonly logLevel: LogLevel;
  /**
   * Scale-out (issue #3): events in EventStoreDB (`esdb://…`) and read models in
   * Redis (`redis://…`). Both set, or neither (the embedded SQLite default).
   */
  readonly eventStoreUrl?: string;
  readonly redisUrl?: string;
  /** Things worth a warning at start-up (weak secret, loose file mode); never fatal. */
  readonly warnings: readonly string[];
  /**
   * Tests only (`LEDGER_TEST_CRASH_AFTER_APPEND=1`): the process SIGKILLs itself
   * once a command with an `Idempotency-Key` has committed its events and before
   * its answer is recorded, the window a crash-recovery test must hit exactly.
   */
  readonly testCrashAfterAppend: boolean;
}

/** Thrown for any bad configuration value; the message names the variable. */
export class LedgerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerConfigError';
  }
}

/** DI token for the `LedgerConfig` of the running process. */
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

export const DEFAULT_PORT = 3000;
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_BODY_LIMIT = '10mb';
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';
export const DEFAULT_JWT_MAX_TTL = '12h';
export const JWT_SECRET_FILE = 'jwt-secret';
export const PERSON_KEY_SECRET_FILE = 'person-key-secret';
export const SQLITE_FILE = 'ledger.sqlite';

const SECRET_BYTES = 32;
/** Below this an HMAC key is weaker than the hash (RFC 7518 §3.2): warned for the person key. */
const SECRET_CHARS_RECOMMENDED = 32;
/**
 * RFC 7518 §3.2: an HS256 key must be at least as long as the hash. A shorter
 * token key can be brute-forced from any one token, which would let anyone
 * sign in as anyone: refused.
 */
export const JWT_SECRET_BYTES_MIN = 32;
const SECRET_CHARS_MAX = 4096;
const BODY_LIMIT_BYTES_MAX = 100 * 1024 * 1024;

type Env = Record<string, string | undefined>;

export function loadLedgerConfig(env: Env = process.env): LedgerConfig {
  const warnings: string[] = [];
  const port = parsePort(read(env, 'PORT'));
  const dataDir = prepareDataDir(read(env, 'LEDGER_DATA_DIR') ?? DEFAULT_DATA_DIR, warnings);
  const anchorDirSetting = read(env, 'LEDGER_ANCHOR_DIR');
  const anchorDir =
    anchorDirSetting === undefined
      ? dataDir
      : prepareDir('LEDGER_ANCHOR_DIR', path.resolve(anchorDirSetting), warnings);
  const jwtSecret = resolveSecret(env, 'LEDGER_JWT_SECRET', dataDir, JWT_SECRET_FILE, warnings);
  const jwtMaxTtlSeconds = parseJwtMaxTtl(read(env, 'LEDGER_JWT_MAX_TTL'));
  const personKeySecret = resolveSecret(
    env,
    'LEDGER_PERSON_KEY_SECRET',
    dataDir,
    PERSON_KEY_SECRET_FILE,
    warnings,
  );
  const bodyLimit = read(env, 'LEDGER_BODY_LIMIT') ?? DEFAULT_BODY_LIMIT;
  const bodyLimitBytes = parseBodyLimit(bodyLimit);
  const logLevel = parseLogLevel(read(env, 'LOG_LEVEL'));
  const eventStoreUrl = read(env, 'LEDGER_EVENTSTORE_URL');
  const redisUrl = read(env, 'LEDGER_REDIS_URL');
  if ((eventStoreUrl === undefined) !== (redisUrl === undefined)) {
    throw new LedgerConfigError(
      'LEDGER_EVENTSTORE_URL and LEDGER_REDIS_URL go together: set both for scale-out, or neither for the embedded store',
    );
  }
  if (eventStoreUrl !== undefined && !/^esdb(\+discover)?:\/\//.test(eventStoreUrl)) {
    throw new LedgerConfigError('LEDGER_EVENTSTORE_URL must be an esdb:// connection string');
  }
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new LedgerConfigError('LEDGER_REDIS_URL must be a redis:// URL');
  }
  if (eventStoreUrl !== undefined) {
    // Replicas must agree on both keys; a secret generated per data directory would not.
    for (const name of ['LEDGER_JWT_SECRET', 'LEDGER_PERSON_KEY_SECRET']) {
      if (read(env, name) === undefined)
        throw new LedgerConfigError(`${name} must be set in scale-out mode`);
    }
  }
  return Object.freeze({
    eventStoreUrl,
    redisUrl,
    port,
    dataDir,
    sqliteFile: path.join(dataDir, SQLITE_FILE),
    anchorDir,
    jwtSecret,
    jwtMaxTtlSeconds,
    personKeySecret,
    bodyLimit,
    bodyLimitBytes,
    logLevel,
    warnings: Object.freeze(warnings),
    testCrashAfterAppend: read(env, 'LEDGER_TEST_CRASH_AFTER_APPEND') === '1',
  });
}

/** An empty variable counts as unset (docker-compose writes `FOO=` for blanks). */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new LedgerConfigError(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return Number(value);
}

function prepareDataDir(value: string, warnings: string[]): string {
  return prepareDir('LEDGER_DATA_DIR', path.resolve(value), warnings);
}

function prepareDir(name: string, dir: string, warnings: string[]): string {
  try {
    // 0700: the directory holds personal data and the secrets. One that exists
    // (made by an operator, a volume) is not changed behind their back: warned.
    if (fs.existsSync(dir)) {
      const mode = fs.statSync(dir).mode & 0o777;
      if (fs.statSync(dir).isDirectory() && (mode & 0o077) !== 0) {
        warnings.push(
          `${dir} is open to others (mode ${mode.toString(8)}) and holds personal data; chmod 700 it`,
        );
      }
    } else {
      ensurePrivateDir(dir);
    }
  } catch (error) {
    throw new LedgerConfigError(`${name}: cannot create ${dir}: ${(error as Error).message}`);
  }
  if (!fs.statSync(dir).isDirectory()) {
    throw new LedgerConfigError(`${name}: ${dir} is not a directory`);
  }
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new LedgerConfigError(`${name}: ${dir} is not readable and writable`);
  }
  return dir;
}

function resolveSecret(
  env: Env,
  name: string,
  dataDir: string,
  fileName: string,
  warnings: string[],
): string {
  const fromEnv = read(env, name);
  if (fromEnv !== undefined) {
    checkSecret(fromEnv, name, name, warnings);
    return fromEnv;
  }
  const file = path.join(dataDir, fileName);
  const secret = readSecretFile(file) ?? createSecretFile(file);
  if (secret === '') {
    throw new LedgerConfigError(
      `${name} is unset and ${file} is empty: delete the file to generate a new secret, or set ${name}`,
    );
  }
  checkSecret(secret, name, file, warnings);
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    warnings.push(`${file} is readable by others (mode ${mode.toString(8)}); chmod 600 it`);
  }
  return secret;
}

function checkSecret(secret: string, name: string, source: string, warnings: string[]): void {
  if (secret.length > SECRET_CHARS_MAX) {
    throw new LedgerConfigError(`${source}: secret longer than ${SECRET_CHARS_MAX} characters`);
  }
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (name === 'LEDGER_JWT_SECRET' && bytes < JWT_SECRET_BYTES_MIN) {
    const where = source === name ? '' : ` (read from ${source})`;
    throw new LedgerConfigError(
      `LEDGER_JWT_SECRET must be at least ${JWT_SECRET_BYTES_MIN} bytes, got ${bytes}${where}; use e.g. \`openssl rand -hex 32\``,
    );
  }
  if (secret.length < SECRET_CHARS_RECOMMENDED) {
    warnings.push(
      `${source}: secret shorter than ${SECRET_CHARS_RECOMMENDED} characters; use e.g. \`openssl rand -hex 32\``,
    );
  }
}

function parseJwtMaxTtl(value: string | undefined): number {
  const seconds = parseDurationSeconds(value ?? DEFAULT_JWT_MAX_TTL);
  if (seconds === undefined) {
    throw new LedgerConfigError(
      `LEDGER_JWT_MAX_TTL must be a duration like 12h, 30m, 1d or a number of seconds, from 1s to ${formatDuration(366 * 86400)}; got "${value}"`,
    );
  }
  return seconds;
}

function readSecretFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LedgerConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Creates the file with a fresh secret, atomically: the secret is written to a
 * private temporary file which is then hard-linked to its name, so a second
 * process starting at the same moment (API and CLI) either wins or reads the
 * complete secret of the winner, never a half-written one.
 */
function createSecretFile(file: string): string {
  const secret = randomBytes(SECRET_BYTES).toString('hex');
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, `${secret}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(tmp, 0o600); // in case of an unusual umask
    try {
      fs.linkSync(tmp, file);
      return secret;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return readSecretFile(file) ?? '';
      // A file system without hard links: exclusive create still avoids clobbering.
      fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      fs.chmodSync(file, 0o600);
      return secret;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readSecretFile(file) ?? '';
    if (error instanceof LedgerConfigError) throw error;
    throw new LedgerConfigError(`cannot create ${file}: ${(error as Error).message}`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `10mb`, `512kb`, `1048576` (bytes): the forms body-parser accepts, 1 b to 100 mb. */
export function parseBodyLimit(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  const bytes = match
    ? Math.floor(Number(match[1]) * BYTE_UNITS[(match[2] ?? 'b').toLowerCase()])
    : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > BODY_LIMIT_BYTES_MAX) {
    throw new LedgerConfigError(
      `LEDGER_BODY_LIMIT must be a size like "10mb", "512kb" or a byte count, from 1 b to 100mb; got "${value}"`,
    );
  }
  return bytes;
}

function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined) return DEFAULT_LOG_LEVEL;
  const level = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new LedgerConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${value}"`,
    );
  }
  return level as LogLevel;
}
