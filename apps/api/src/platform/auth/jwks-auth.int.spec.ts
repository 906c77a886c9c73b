import { Controller, Get } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { createPublicKey, createSecretKey } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { PlatformTestApp, startPlatformTestApp } from '../test-support/platform-test-app';
import { Actor } from './actor';
import { CurrentActor, Roles } from './auth.decorators';

/**
 * #13 "Sign-in": with LEDGER_JWT_JWKS_URL the API accepts RS256 and ES256
 * tokens of the identity provider, signed by a key of its JWKS (served here by
 * a real HTTP server), and refuses every other kind with 401.
 */
@Controller('jwks-test')
class JwksTestController {
  @Roles('reviewer', 'applicant')
  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}

const ISSUER = 'https://idp.example.gov.cn/realms/datong';
const AUDIENCE = 'subsidy-ledger';

interface SigningKey {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: Parameters<SignJWT['sign']>[0];
  publicJwk: JWK;
}

async function signingKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicJwk };
}

async function sign(
  key: SigningKey,
  claims: JWTPayload,
  options: { issuer?: string; audience?: string; ttlSeconds?: number; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt(now);
  if (options.ttlSeconds !== 0) jwt.setExpirationTime(now + (options.ttlSeconds ?? 600));
  return jwt.sign(key.privateKey);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('identity-provider tokens verified against a JWKS', () => {
  let rsa: SigningKey;
  let ec: SigningKey;
  let stranger: SigningKey;
  let jwksServer: http.Server;
  let jwksRequests = 0;
  let app: PlatformTestApp;

  beforeAll(async () => {
    rsa = await signingKey('RS256', 'rsa-1');
    ec = await signingKey('ES256', 'ec-1');
    stranger = await signingKey('RS256', 'rsa-1'); // same kid, a key the JWKS does not hold
    jwksServer = http.createServer((req, res) => {
      jwksRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    app = await startPlatformTestApp({
      controllers: [JwksTestController],
      env: {
        LEDGER_JWT_JWKS_URL: `http://127.0.0.1:${port}/realms/datong/certs`,
        LEDGER_JWT_ISSUER: ISSUER,
        LEDGER_JWT_AUDIENCE: AUDIENCE,
        LEDGER_JWT_ROLE_CLAIM: 'ledger_role',
        LEDGER_JWT_MAX_TTL: '1h',
      },
    });
  });

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
  });

  const me = (token: string) => app.request('GET', '/jwks-test/me', { token });

  it('given an RS256 token signed by a key of the JWKS, when used, then the actor is its sub and role claim', async () => {
    const answer = await me(await sign(rsa, { sub: 'rita', ledger_role: 'reviewer' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ actorId: 'rita', role: 'reviewer' });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('given an ES256 token of an applicant, when used, then its enterprise scopes it', async () => {
    const token = await sign(ec, {
      sub: 'clerk',
      ledger_role: 'applicant',
      enterpriseId: '911402000000000192',
    });
    const answer = await me(token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      actorId: 'clerk',
      role: 'applicant',
      enterpriseId: '911402000000000192',
    });
  });

  it('given the role claim as a list of groups, when exactly one is a ledger role, then that is the role', async () => {
    const token = await sign(rsa, { sub: 'rita', ledger_role: ['staff', 'reviewer'] });
    expect((await me(token)).body).toEqual({ actorId: 'rita', role: 'reviewer' });
  });

  it('given the HS256 tokens of npm run token, when JWKS is configured, then they still work', async () => {
    const answer = await me(app.token({ sub: 'rita', role: 'reviewer' }, 600));
    expect(answer.status).toBe(200);
  });

  it.each([
    [
      'another issuer',
      async () =>
        sign(rsa, { sub: 'a', ledger_role: 'reviewer' }, { issuer: 'https://evil.example' }),
    ],
    [
      'another audience',
      async () => sign(rsa, { sub: 'a', ledger_role: 'reviewer' }, { audience: 'payroll' }),
    ],
    [
      'an unknown kid',
      async () => sign(rsa, { sub: 'a', ledger_role: 'reviewer' }, { kid: 'rsa-9' }),
    ],
    [
      'a key outside the JWKS under a known kid',
      async () => sign(stranger, { sub: 'a', ledger_role: 'reviewer' }),
    ],
    ['no exp', async () => sign(rsa, { sub: 'a', ledger_role: 'reviewer' }, { ttlSeconds: 0 })],
    [
      'a lifetime beyond LEDGER_JWT_MAX_TTL',
      async () => sign(rsa, { sub: 'a', ledger_role: 'reviewer' }, { ttlSeconds: 7200 }),
    ],
    [
      'the role under the default claim name only',
      async () => sign(rsa, { sub: 'a', role: 'reviewer' }),
    ],
    ['a role that is not a ledger role', async () => sign(rsa, { sub: 'a', ledger_role: 'admin' })],
    [
      'alg none',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          sub: 'a',
          ledger_role: 'reviewer',
          iss: ISSUER,
          aud: AUDIENCE,
          iat: now,
          exp: now + 600,
        };
        return `${base64url({ alg: 'none', kid: 'rsa-1' })}.${base64url(claims)}.`;
      },
    ],
    [
      'HS256 signed with the public key as the secret',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        // The classic confusion: the public key's PEM, which anyone may fetch, as an HMAC secret.
        const pem = createPublicKey({ key: rsa.publicJwk as never, format: 'jwk' })
          .export({ type: 'spki', format: 'pem' })
          .toString();
        const secret = createSecretKey(Buffer.from(pem));
        return new SignJWT({ sub: 'a', ledger_role: 'reviewer', role: 'reviewer' })
          .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt(now)
          .setExpirationTime(now + 600)
          .sign(secret);
      },
    ],
  ])('given a token with %s, when used, then 401 with the error body', async (_label, make) => {
    const answer = await me(await make());
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});
