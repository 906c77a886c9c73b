import { LedgerConfigError } from './ledger-config.error';

/**
 * Tokens of the organisation's identity provider (API.md "Console and
 * sign-in"): RS256/ES256 signed by a key of the JWKS at `url`, with this
 * issuer and audience; the role read from `roleClaim`.
 */
export interface JwksConfig {
  /** `LEDGER_JWT_JWKS_URL` (http or https). */
  readonly url: string;
  /** `LEDGER_JWT_ISSUER`: the `iss` every such token must carry. */
  readonly issuer: string;
  /** `LEDGER_JWT_AUDIENCE`: an `aud` every such token must carry. */
  readonly audience: string;
  /** `LEDGER_JWT_ROLE_CLAIM` (default `role`): the claim that holds the ledger role. */
  readonly roleClaim: string;
}

export const DEFAULT_ROLE_CLAIM = 'role';
const CLAIM_NAME = /^[^\s]{1,200}$/;

type Env = Record<string, string | undefined>;

const read = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** Undefined without `LEDGER_JWT_JWKS_URL`; the issuer and audience are then required. */
export function readJwksConfig(env: Env): JwksConfig | undefined {
  const url = read(env, 'LEDGER_JWT_JWKS_URL');
  const dependants = ['LEDGER_JWT_ISSUER', 'LEDGER_JWT_AUDIENCE', 'LEDGER_JWT_ROLE_CLAIM'];
  if (url === undefined) {
    const stray = dependants.find((name) => read(env, name) !== undefined);
    if (stray) {
      throw new LedgerConfigError(`${stray} is set but LEDGER_JWT_JWKS_URL is not; set both`);
    }
    return undefined;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new LedgerConfigError(`LEDGER_JWT_JWKS_URL must be an http(s) URL; got "${url}"`);
  }
  const issuer = read(env, 'LEDGER_JWT_ISSUER');
  if (issuer === undefined) {
    throw new LedgerConfigError('LEDGER_JWT_ISSUER must be set with LEDGER_JWT_JWKS_URL');
  }
  const audience = read(env, 'LEDGER_JWT_AUDIENCE');
  if (audience === undefined) {
    throw new LedgerConfigError('LEDGER_JWT_AUDIENCE must be set with LEDGER_JWT_JWKS_URL');
  }
  const roleClaim = read(env, 'LEDGER_JWT_ROLE_CLAIM') ?? DEFAULT_ROLE_CLAIM;
  if (!CLAIM_NAME.test(roleClaim)) {
    throw new LedgerConfigError(
      `LEDGER_JWT_ROLE_CLAIM must be a claim name without spaces, at most 200 characters; got "${roleClaim}"`,
    );
  }
  return Object.freeze({ url: parsed.href, issuer, audience, roleClaim });
}
