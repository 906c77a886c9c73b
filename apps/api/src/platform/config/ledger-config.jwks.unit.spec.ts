import { LedgerConfigError } from './ledger-config.error';
import { readJwksConfig } from './ledger-config.jwks';

/** #13 "Sign-in": the identity-provider variables, each refused by name. */
const GOOD = {
  LEDGER_JWT_JWKS_URL: 'https://idp.example.gov.cn/realms/datong/protocol/openid-connect/certs',
  LEDGER_JWT_ISSUER: 'https://idp.example.gov.cn/realms/datong',
  LEDGER_JWT_AUDIENCE: 'subsidy-ledger',
};

describe('readJwksConfig', () => {
  it('given no JWKS URL, then identity-provider tokens are off', () => {
    expect(readJwksConfig({})).toBeUndefined();
  });

  it('given URL, issuer and audience, then they are read and the role claim defaults to role', () => {
    expect(readJwksConfig(GOOD)).toEqual({
      url: GOOD.LEDGER_JWT_JWKS_URL,
      issuer: GOOD.LEDGER_JWT_ISSUER,
      audience: GOOD.LEDGER_JWT_AUDIENCE,
      roleClaim: 'role',
    });
    expect(readJwksConfig({ ...GOOD, LEDGER_JWT_ROLE_CLAIM: 'ledger_role' })?.roleClaim).toBe(
      'ledger_role',
    );
  });

  it.each([
    [
      { ...GOOD, LEDGER_JWT_JWKS_URL: 'ftp://idp/certs' },
      /LEDGER_JWT_JWKS_URL must be an http\(s\) URL/,
    ],
    [{ ...GOOD, LEDGER_JWT_JWKS_URL: 'not a url' }, /LEDGER_JWT_JWKS_URL/],
    [{ ...GOOD, LEDGER_JWT_ISSUER: '' }, /LEDGER_JWT_ISSUER must be set/],
    [{ ...GOOD, LEDGER_JWT_AUDIENCE: undefined }, /LEDGER_JWT_AUDIENCE must be set/],
    [{ ...GOOD, LEDGER_JWT_ROLE_CLAIM: 'ledger role' }, /LEDGER_JWT_ROLE_CLAIM/],
    [
      { LEDGER_JWT_ISSUER: GOOD.LEDGER_JWT_ISSUER },
      /LEDGER_JWT_ISSUER is set but LEDGER_JWT_JWKS_URL is not/,
    ],
  ])('given %j, then a config error names the variable', (env, message) => {
    expect(() => readJwksConfig(env)).toThrow(LedgerConfigError);
    expect(() => readJwksConfig(env)).toThrow(message);
  });
});
