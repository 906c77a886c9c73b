import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensurePrivateDir } from '@ledger/event-store/sqlite/private-files';
import { formatDuration, parseDurationSeconds } from './duration';
import { LedgerConfigError } from './ledger-config.error';
import { JwksConfig, readJwksConfig } from './ledger-config.jwks';
import { resolveSecret } from './ledger-secrets';

export { LedgerConfigError } from './ledger-config.error';
export type { JwksConfig } from './ledger-config.jwks';
export { JWT_SECRET_BYTES_MIN } from './ledger-secrets';

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
  /** `LEDGER_JWT_JWKS_URL` and friends: the identity provider's tokens, besides HS256. */
  readonly jwks?: JwksConfig;
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
  /** IANA zone of business dates (LEDGER_TIMEZONE). */
  readonly timeZone: string;
  /** Period of the recovery sweep (LEDGER_RECOVERY_INTERVAL_MS); 0 turns the timer off. */
  readonly recoveryIntervalMs: number;
  /** Group commit of SQLite appends (LEDGER_SQLITE_GROUP_COMMIT=on|off, ADR 0006). */
  readonly sqliteGroupCommit: boolean;
  /**
   * R-BUDGET (LEDGER_BUDGET_CONTROL=on|off, default on): off only for a ledger
   * recording history from before budgets were kept (ADR 0019).
   */
  readonly budgetControl: boolean;
  /**
   * The finance bureau's account payment files are drawn on (issue #14):
   * LEDGER_DEBTOR_NAME, LEDGER_DEBTOR_ACCOUNT (8-32 digits) and
   * LEDGER_DEBTOR_BANK_CODE (12-digit CNAPS), all three or none; without
   * them no payment file is produced.
   */
  readonly debtor?: { name: string; account: string; bankCode: string };
  /**
   * LEDGER_WORKERS: API processes serving one port (node:cluster, issue #16),
   * 1 by default. The embedded store takes several writers (ADR 0002/0003).
   */
  readonly workers: number;
  /**
   * Set by the supervisor of LEDGER_WORKERS for each process it forks (0 for
   * the first, and for a lone process): only worker 0 sweeps for half-done
   * processes before it listens, so N workers do not all finish the same
   * process at start-up; every worker sweeps on the timer.
   */
  readonly workerIndex: number;
  /** Things worth a warning at start-up (weak secret, loose file mode); never fatal. */
  readonly warnings: readonly string[];
  /**
   * Tests only (`LEDGER_TEST_CRASH_AFTER_APPEND=1`): the process SIGKILLs itself
   * once a command with an `Idempotency-Key` has committed its events and before
   * its answer is recorded, the window a crash-recovery test must hit exactly.
   */
  readonly testCrashAfterAppend: boolean;
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
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
export const DEFAULT_RECOVERY_INTERVAL_MS = 10_000;
export const DEFAULT_PROJECTOR_LEASE_MS = 10_000;
/** More processes than this on one SQLite file only queue on its write lock. */
export const WORKERS_MAX = 16;
/** A day: a longer sweep period is a typo, not a choice. */
const INTERVAL_MS_MAX = 24 * 60 * 60 * 1000;

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
  const jwtSecret = resolveSecret(
    read(env, 'LEDGER_JWT_SECRET'),
    'LEDGER_JWT_SECRET',
    dataDir,
    JWT_SECRET_FILE,
    warnings,
  );
  const jwtMaxTtlSeconds = parseJwtMaxTtl(read(env, 'LEDGER_JWT_MAX_TTL'));
  const jwks = readJwksConfig(env, warnings);
  const personKeySecret = resolveSecret(
    read(env, 'LEDGER_PERSON_KEY_SECRET'),
    'LEDGER_PERSON_KEY_SECRET',
    dataDir,
    PERSON_KEY_SECRET_FILE,
    warnings,
  );
  const bodyLimit = read(env, 'LEDGER_BODY_LIMIT') ?? DEFAULT_BODY_LIMIT;
  const bodyLimitBytes = parseBodyLimit(bodyLimit);
  const logLevel = parseLogLevel(read(env, 'LOG_LEVEL'));
  const timeZone = parseTimeZone(read(env, 'LEDGER_TIMEZONE'));
  const recoveryIntervalMs = parseMillis(
    env,
    'LEDGER_RECOVERY_INTERVAL_MS',
    DEFAULT_RECOVERY_INTERVAL_MS,
    0,
  );
  const sqliteGroupCommit = parseOnOff(env, 'LEDGER_SQLITE_GROUP_COMMIT', true);
  const budgetControl = parseOnOff(env, 'LEDGER_BUDGET_CONTROL', true);
  const debtor = parseDebtor(env);
  const workers = parseWorkers(read(env, 'LEDGER_WORKERS'));
  const { eventStoreUrl, redisUrl } = readScaleOutUrls(env, false);
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
    jwks,
    personKeySecret,
    bodyLimit,
    bodyLimitBytes,
    logLevel,
    timeZone,
    recoveryIntervalMs,
    sqliteGroupCommit,
    budgetControl,
    debtor,
    workers,
    workerIndex: Math.min(parseWorkers(read(env, 'LEDGER_WORKER_INDEX') ?? '0', 0), workers - 1),
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

function parsePort(value: string | undefined, name = 'PORT', fallback = DEFAULT_PORT): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new LedgerConfigError(`${name} must be an integer from 0 to 65535, got "${value}"`);
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

function parseJwtMaxTtl(value: string | undefined): number {
  const seconds = parseDurationSeconds(value ?? DEFAULT_JWT_MAX_TTL);
  if (seconds === undefined) {
    throw new LedgerConfigError(
      `LEDGER_JWT_MAX_TTL must be a duration like 12h, 30m, 1d or a number of seconds, from 1s to ${formatDuration(366 * 86400)}; got "${value}"`,
    );
  }
  return seconds;
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

/** What `apps/projector` reads: the scale-out stores, the lease and the log level. */
export interface ProjectorConfig {
  readonly eventStoreUrl: string;
  readonly redisUrl: string;
  /** LEDGER_PROJECTOR_LEASE_MS: how long a projector holds the single-writer lease. */
  readonly leaseMs: number;
  /** LEDGER_PROJECTOR_METRICS_PORT: `/metrics` and `/health/live` (0: any free port). */
  readonly metricsPort: number;
  readonly logLevel: LogLevel;
}
export const DEFAULT_PROJECTOR_METRICS_PORT = 9464;

export function loadProjectorConfig(env: Env = process.env): ProjectorConfig {
  const logLevel = parseLogLevel(read(env, 'LOG_LEVEL'));
  const { eventStoreUrl, redisUrl } = readScaleOutUrls(env, true);
  const leaseMs = parseMillis(env, 'LEDGER_PROJECTOR_LEASE_MS', DEFAULT_PROJECTOR_LEASE_MS, 1000);
  const metricsPort = parsePort(
    read(env, 'LEDGER_PROJECTOR_METRICS_PORT'),
    'LEDGER_PROJECTOR_METRICS_PORT',
    DEFAULT_PROJECTOR_METRICS_PORT,
  );
  return Object.freeze({
    eventStoreUrl: eventStoreUrl!,
    redisUrl: redisUrl!,
    leaseMs,
    metricsPort,
    logLevel,
  });
}

function readScaleOutUrls(
  env: Env,
  required: boolean,
): { eventStoreUrl?: string; redisUrl?: string } {
  const eventStoreUrl = read(env, 'LEDGER_EVENTSTORE_URL');
  const redisUrl = read(env, 'LEDGER_REDIS_URL');
  if ((eventStoreUrl === undefined) !== (redisUrl === undefined)) {
    throw new LedgerConfigError(
      'LEDGER_EVENTSTORE_URL and LEDGER_REDIS_URL go together: set both for scale-out, or neither for the embedded store',
    );
  }
  if (required && eventStoreUrl === undefined) {
    throw new LedgerConfigError('LEDGER_EVENTSTORE_URL and LEDGER_REDIS_URL must be set');
  }
  if (eventStoreUrl !== undefined && !/^esdb(\+discover)?:\/\//.test(eventStoreUrl)) {
    throw new LedgerConfigError('LEDGER_EVENTSTORE_URL must be an esdb:// connection string');
  }
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new LedgerConfigError('LEDGER_REDIS_URL must be a redis:// URL');
  }
  return { eventStoreUrl, redisUrl };
}

function parseTimeZone(value: string | undefined): string {
  if (value === undefined) return DEFAULT_TIMEZONE;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: value });
  } catch {
    throw new LedgerConfigError(
      `LEDGER_TIMEZONE must be an IANA time zone like "${DEFAULT_TIMEZONE}"; got "${value}"`,
    );
  }
  return value;
}

function parseMillis(env: Env, name: string, fallback: number, min: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > INTERVAL_MS_MAX) {
    throw new LedgerConfigError(
      `${name} must be a whole number of milliseconds from ${min} to ${INTERVAL_MS_MAX}; got "${value}"`,
    );
  }
  return Number(value);
}

function parseOnOff(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new LedgerConfigError(`${name} must be "on" or "off"; got "${read(env, name)}"`);
}

function parseDebtor(env: Env): LedgerConfig['debtor'] {
  const name = read(env, 'LEDGER_DEBTOR_NAME');
  const account = read(env, 'LEDGER_DEBTOR_ACCOUNT');
  const bankCode = read(env, 'LEDGER_DEBTOR_BANK_CODE');
  if (name === undefined && account === undefined && bankCode === undefined) return undefined;
  if (name === undefined || account === undefined || bankCode === undefined) {
    throw new LedgerConfigError(
      'LEDGER_DEBTOR_NAME, LEDGER_DEBTOR_ACCOUNT and LEDGER_DEBTOR_BANK_CODE go together: set all three or none',
    );
  }
  if (!/^\d{8,32}$/.test(account))
    throw new LedgerConfigError(`LEDGER_DEBTOR_ACCOUNT must be 8 to 32 digits; got "${account}"`);
  if (!/^\d{12}$/.test(bankCode))
    throw new LedgerConfigError(
      `LEDGER_DEBTOR_BANK_CODE must be a 12-digit CNAPS code; got "${bankCode}"`,
    );
  return Object.freeze({ name, account, bankCode });
}

function parseWorkers(value: string | undefined, min = 1): number {
  if (value === undefined) return 1;
  if (!/^\d{1,2}$/.test(value) || Number(value) < min || Number(value) > WORKERS_MAX) {
    const name = min === 1 ? 'LEDGER_WORKERS' : 'LEDGER_WORKER_INDEX';
    throw new LedgerConfigError(
      `${name} must be a whole number from ${min} to ${WORKERS_MAX}; got "${value}"`,
    );
  }
  return Number(value);
}
