import { parseArgs } from 'node:util';
import { isRole, Role, ROLES } from '../../../api/src/platform/auth/actor';
import {
  InvalidActorClaimsError,
  signActorToken,
  TOKEN_LIFETIME_SECONDS_MAX,
} from '../../../api/src/platform/auth/actor-token';
import {
  DEFAULT_PORT,
  LedgerConfig,
  loadLedgerConfig,
} from '../../../api/src/platform/config/ledger-config';
import { CliCommand, UsageError } from './command';

export const DEFAULT_TOKEN_LIFETIME = '12h';

export interface TokenOptions {
  sub: string;
  role: Role;
  enterpriseId?: string;
  schoolId?: string;
  /** Lifetime, e.g. `12h`, `30m`, `7d`, `90s` or plain seconds. */
  expiresIn: string;
  /** Print a console sign-in link instead of the bare token. */
  link?: boolean;
  /** Where the console is served, for the link; `http://localhost:PORT` by default. */
  baseUrl?: string;
}

/** The console reads the token from the fragment, which never reaches a server or its logs. */
export const CONSOLE_PATH = '/console/';

/** `http://localhost:3000/console/#token=…` for the API on this configuration's PORT. */
export function signInLink(token: string, port: number, baseUrl?: string): string {
  const origin = (baseUrl ?? `http://localhost:${port === 0 ? DEFAULT_PORT : port}`).replace(
    /\/+$/,
    '',
  );
  return `${origin}${CONSOLE_PATH}#token=${encodeURIComponent(token)}`;
}

function parseBaseUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new UsageError(
      `--base-url must be an http(s) URL like https://ledger.example; got "${text}"`,
    );
  }
  return text;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `12h` → 43200. At most 366 days here; LEDGER_JWT_MAX_TTL bounds it when minting. */
export function parseLifetime(text: string): number {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's'] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > TOKEN_LIFETIME_SECONDS_MAX) {
    throw new UsageError(
      `--expires-in must be like 12h, 30m, 7d or a number of seconds, at most 366d; got "${text}"`,
    );
  }
  return seconds;
}

export function parseTokenArgs(args: string[]): TokenOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        sub: { type: 'string' },
        role: { type: 'string' },
        'enterprise-id': { type: 'string' },
        'school-id': { type: 'string' },
        'expires-in': { type: 'string', default: DEFAULT_TOKEN_LIFETIME },
        link: { type: 'boolean', default: false },
        'base-url': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.sub) throw new UsageError('--sub is required');
  if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (values.role !== 'applicant' && (values['enterprise-id'] || values['school-id'])) {
    throw new UsageError('--enterprise-id and --school-id are for the applicant role only');
  }
  if (values.role === 'applicant' && !values['enterprise-id'] && !values['school-id']) {
    throw new UsageError('an applicant token needs --enterprise-id or --school-id');
  }
  return {
    sub: values.sub,
    role: values.role,
    enterpriseId: values['enterprise-id'],
    schoolId: values['school-id'],
    expiresIn: values['expires-in'] ?? DEFAULT_TOKEN_LIFETIME,
    link: values.link === true || values['base-url'] !== undefined,
    baseUrl: parseBaseUrl(values['base-url']),
  };
}

/**
 * Signs with the secret the API uses for the same data directory; a lifetime
 * above that API's LEDGER_JWT_MAX_TTL is refused here rather than by the API later.
 */
export function mintToken(
  options: TokenOptions,
  config: Pick<LedgerConfig, 'jwtSecret' | 'jwtMaxTtlSeconds'>,
): string {
  try {
    return signActorToken(
      {
        sub: options.sub,
        role: options.role,
        enterpriseId: options.enterpriseId,
        schoolId: options.schoolId,
      },
      config.jwtSecret,
      {
        expiresInSeconds: parseLifetime(options.expiresIn),
        maxTtlSeconds: config.jwtMaxTtlSeconds,
      },
    );
  } catch (error) {
    if (error instanceof InvalidActorClaimsError) throw new UsageError(error.message);
    throw error;
  }
}

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'print a signed actor token (JWT) for the API on this data directory',
  usage:
    'token --sub ID --role applicant|reviewer|finance|supervisor|auditor\n' +
    '      [--enterprise-id CODE] [--school-id CODE] [--expires-in 12h, at most LEDGER_JWT_MAX_TTL]\n' +
    '      [--link [--base-url URL]]  print http://localhost:PORT/console/#token=… to sign in to the console',
  async run(args, io) {
    const options = parseTokenArgs(args);
    const config = loadLedgerConfig(io.env);
    for (const warning of config.warnings) io.stderr(`warning: ${warning}\n`);
    const token = mintToken(options, config);
    io.stdout(`${options.link ? signInLink(token, config.port, options.baseUrl) : token}\n`);
    return 0;
  },
};
