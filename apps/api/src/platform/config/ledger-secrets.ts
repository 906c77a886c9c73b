import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LedgerConfigError } from './ledger-config.error';

/**
 * The token and person-key secrets: from the environment, or generated once
 * in the data directory (mode 0600) so that a fresh machine needs no set-up.
 */

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

export function resolveSecret(
  /** The variable's value, trimmed; undefined when unset. */
  fromEnv: string | undefined,
  name: string,
  dataDir: string,
  fileName: string,
  warnings: string[],
): string {
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
