import { Controller, Get, Param, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LedgerRequest } from '../http/ledger-request';
import { PlatformTestApp, startPlatformTestApp } from '../test-support/platform-test-app';
import { Actor } from './actor';
import { CurrentActor, Public, Roles } from './auth.decorators';
import { assertOwnEnterprise, assertOwnSchool } from './ownership';

const OWN = '91140200MA0K000001';
const OTHER = '91140200MA0K000002';

@Controller('auth-test')
class AuthTestController {
  @Public()
  @Get('public')
  open(@Req() req: LedgerRequest) {
    return { actor: req.actor ?? null };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('mutate-actor')
  mutate(@CurrentActor() actor: Actor) {
    (actor as { role: string }).role = 'auditor';
    return {};
  }

  @Roles('reviewer', 'finance')
  @Get('staff')
  staff(@CurrentActor() actor: Actor) {
    return { role: actor.role };
  }

  @Roles('applicant', 'reviewer')
  @Get('enterprises/:id')
  enterprise(@CurrentActor() actor: Actor, @Param('id') id: string) {
    assertOwnEnterprise(actor, id);
    return { enterpriseId: id };
  }

  @Roles('applicant', 'reviewer')
  @Get('schools/:id')
  school(@CurrentActor() actor: Actor, @Param('id') id: string) {
    assertOwnSchool(actor, id);
    return { schoolId: id };
  }
}

@Roles('supervisor')
@Controller('auth-test/supervision')
class SupervisionTestController {
  @Get()
  list() {
    return { ok: true };
  }

  @Public()
  @Get('notice')
  notice() {
    return { ok: true };
  }
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('auth (JWT guard, @Roles, @Public, @CurrentActor, assertOwnEnterprise)', () => {
  let t: PlatformTestApp;
  const reviewer = () => t.token({ sub: 'rita', role: 'reviewer' }, 3600);
  const applicant = () => t.token({ sub: 'anna', role: 'applicant', enterpriseId: OWN }, 3600);

  beforeAll(async () => {
    t = await startPlatformTestApp({
      controllers: [AuthTestController, SupervisionTestController],
    });
  });
  afterAll(() => t.close());

  const expect401 = (response: { status: number; body: unknown; headers: Headers }) => {
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.any(String),
    });
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  };

  it('answers 401 without a token', async () => {
    const response = await t.request('GET', '/auth-test/me');
    expect401(response);
    expect(response.body).toMatchObject({ message: 'Missing bearer token' });
  });

  it('answers 401 for a header that is not a bearer token', async () => {
    expect401(
      await t.request('GET', '/auth-test/me', { headers: { authorization: 'Basic YWxpY2U6eA==' } }),
    );
  });

  it('answers 401 for a token signed with another secret', async () => {
    const forged = new JwtService().sign(
      { sub: 'rita', role: 'reviewer' },
      { secret: 'not-the-secret-not-the-secret-not-the-secret', algorithm: 'HS256' },
    );
    const response = await t.request('GET', '/auth-test/me', { token: forged });
    expect401(response);
    expect(response.body).toMatchObject({ message: 'Invalid token' });
  });

  it('answers 401 for an expired token', async () => {
    const expired = t.token({
      sub: 'rita',
      role: 'reviewer',
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    const response = await t.request('GET', '/auth-test/me', { token: expired });
    expect401(response);
    expect(response.body).toMatchObject({ message: 'Token expired' });
  });

  it('given a token accepted once (and remembered), when it has expired, then the next request is refused', async () => {
    const shortLived = t.token({
      sub: 'rita',
      role: 'reviewer',
      exp: Math.floor(Date.now() / 1000) + 2,
    });
    const first = await t.request('GET', '/auth-test/me', { token: shortLived });
    expect(first.status).toBe(200);
    const again = await t.request('GET', '/auth-test/me', { token: shortLived });
    expect(again.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const late = await t.request('GET', '/auth-test/me', { token: shortLived });
    expect401(late);
    expect(late.body).toMatchObject({ message: 'Token expired' });
  });

  it('given a remembered token, when the handler changes the actor it was given, then the next request still gets the actor of the token', async () => {
    const token = t.token({ sub: 'rita', role: 'reviewer' }, 60);
    const first = await t.request('GET', '/auth-test/mutate-actor', { token });
    expect(first.status).toBe(200);
    const second = await t.request('GET', '/auth-test/me', { token });
    expect(second.body).toEqual({ actorId: 'rita', role: 'reviewer' });
  });

  it('answers 401 for alg=none', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'rita', role: 'reviewer' })}.`;
    expect401(await t.request('GET', '/auth-test/me', { token: unsigned }));
  });

  it('answers 401 for another algorithm, even with the right secret', async () => {
    const hs512 = new JwtService().sign(
      { sub: 'rita', role: 'reviewer' },
      { secret: t.config.jwtSecret, algorithm: 'HS512' },
    );
    expect401(await t.request('GET', '/auth-test/me', { token: hs512 }));
  });

  it('answers 401 for claims that name no actor', async () => {
    for (const claims of [
      { role: 'reviewer' },
      { sub: 'x', role: 'mayor' },
      { sub: 'x', role: 'applicant' },
      { sub: '', role: 'reviewer' },
    ]) {
      expect401(await t.request('GET', '/auth-test/me', { token: t.token(claims, 60) }));
    }
  });

  it('gives the handler the actor from the token', async () => {
    const response = await t.request('GET', '/auth-test/me', { token: applicant() });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ actorId: 'anna', role: 'applicant', enterpriseId: OWN });
  });

  it('drops party ids from the tokens of other roles', async () => {
    const token = t.token({ sub: 'rita', role: 'reviewer', enterpriseId: OWN }, 60);
    const response = await t.request('GET', '/auth-test/me', { token });
    expect(response.body).toEqual({ actorId: 'rita', role: 'reviewer' });
  });

  it('answers 403 for a role not in @Roles', async () => {
    const auditor = t.token({ sub: 'otto', role: 'auditor' }, 60);
    const response = await t.request('GET', '/auth-test/staff', { token: auditor });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'This action needs the role reviewer or finance',
    });
    expect((await t.request('GET', '/auth-test/staff', { token: reviewer() })).status).toBe(200);
  });

  it('lets an applicant reach its own enterprise and nothing else, without saying more', async () => {
    expect(
      await t.request('GET', `/auth-test/enterprises/${OWN}`, { token: applicant() }),
    ).toMatchObject({ status: 200, body: { enterpriseId: OWN } });

    const foreign = await t.request('GET', `/auth-test/enterprises/${OTHER}`, {
      token: applicant(),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Not permitted for this actor',
    });
    expect(foreign.text).not.toContain(OTHER);
    expect(foreign.text).not.toContain(OWN);

    // Other roles are not scoped to an enterprise.
    const asReviewer = await t.request('GET', `/auth-test/enterprises/${OTHER}`, {
      token: reviewer(),
    });
    expect(asReviewer.status).toBe(200);
  });

  it('scopes a school applicant to its school, and not to any enterprise', async () => {
    const school = t.token({ sub: 'sam', role: 'applicant', schoolId: 'S1' }, 60);
    expect((await t.request('GET', '/auth-test/schools/S1', { token: school })).status).toBe(200);
    expect((await t.request('GET', '/auth-test/schools/S2', { token: school })).status).toBe(403);
    expect(
      (await t.request('GET', `/auth-test/enterprises/${OWN}`, { token: school })).status,
    ).toBe(403);
  });

  it('lets anyone reach a @Public route; a valid token still names the actor, a bad one is ignored', async () => {
    expect(await t.request('GET', '/auth-test/public')).toMatchObject({
      status: 200,
      body: { actor: null },
    });
    expect(await t.request('GET', '/auth-test/public', { token: reviewer() })).toMatchObject({
      status: 200,
      body: { actor: { actorId: 'rita', role: 'reviewer' } },
    });
    expect(await t.request('GET', '/auth-test/public', { token: 'garbage' })).toMatchObject({
      status: 200,
      body: { actor: null },
    });
  });

  it("applies a controller's @Roles to its routes, unless a route is @Public", async () => {
    const supervisor = t.token({ sub: 'sue', role: 'supervisor' }, 60);
    expect((await t.request('GET', '/auth-test/supervision', { token: supervisor })).status).toBe(
      200,
    );
    expect((await t.request('GET', '/auth-test/supervision', { token: reviewer() })).status).toBe(
      403,
    );
    expect((await t.request('GET', '/auth-test/supervision/notice')).status).toBe(200);
  });

  it('never logs the authorization header', async () => {
    const token = reviewer();
    await t.request('GET', '/auth-test/me', { token });
    const logs = t.logs.join('');
    expect(logs).toContain('/auth-test/me');
    expect(logs).not.toContain(token);
    expect(logs.toLowerCase()).not.toContain('authorization');
  });
});

describe('token lifetime (issue #12, point 10)', () => {
  let t: PlatformTestApp;
  let short: PlatformTestApp;
  const now = () => Math.floor(Date.now() / 1000);
  const HOUR = 3600;
  /**
   * Signed with the app's secret, claims exactly as given: jsonwebtoken adds
   * an `iat` unless told `noTimestamp`, and then deletes a given one too (the
   * lifetime tests once ran without the `iat` they set, and passed or failed
   * on which second the server read).
   */
  const raw = (app: PlatformTestApp, claims: Record<string, unknown>) => {
    const token = new JwtService().sign(claims, {
      secret: app.config.jwtSecret,
      algorithm: 'HS256',
      noTimestamp: !('iat' in claims),
    });
    expect(new JwtService().decode(token)).toStrictEqual(claims);
    return token;
  };

  beforeAll(async () => {
    t = await startPlatformTestApp({ controllers: [AuthTestController] });
    short = await startPlatformTestApp({
      controllers: [AuthTestController],
      env: { LEDGER_JWT_MAX_TTL: '1h' },
    });
  });
  afterAll(async () => {
    await t.close();
    await short.close();
  });

  const status = async (app: PlatformTestApp, token: string) => {
    const response = await app.request('GET', '/auth-test/me', { token });
    return { status: response.status, message: (response.body as { message: string }).message };
  };

  it('given a token without exp, when it is used, then 401 says a token must expire', async () => {
    const token = raw(t, { sub: 'rita', role: 'reviewer', iat: now() });
    expect(await status(t, token)).toEqual({
      status: 401,
      message: expect.stringMatching(/expiry \(exp\)/),
    });
  });

  it('given a token living 12h and one second, when it is used, then 401 names LEDGER_JWT_MAX_TTL; 12h exactly is accepted', async () => {
    // Issued a minute ago, so the answer cannot hang on which second the server reads.
    const iat = now() - 60;
    const long = raw(t, { sub: 'rita', role: 'reviewer', iat, exp: iat + 12 * HOUR + 1 });
    expect(await status(t, long)).toEqual({
      status: 401,
      message: expect.stringContaining('LEDGER_JWT_MAX_TTL (12h)'),
    });
    const ok = raw(t, { sub: 'rita', role: 'reviewer', iat, exp: iat + 12 * HOUR });
    expect((await status(t, ok)).status).toBe(200);
  });

  it('given a token without iat, when its exp lies more than 12h from now, then 401; within 12h it is accepted', async () => {
    const far = raw(t, { sub: 'rita', role: 'reviewer', exp: now() + 13 * HOUR });
    expect((await status(t, far)).status).toBe(401);
    const near = raw(t, { sub: 'rita', role: 'reviewer', exp: now() + HOUR });
    expect((await status(t, near)).status).toBe(200);
  });

  it('given an iat in the future, when the token is used, then its lifetime counts from now', async () => {
    const iat = now() + 30 * 24 * HOUR;
    const token = raw(t, { sub: 'rita', role: 'reviewer', iat, exp: iat + HOUR });
    expect((await status(t, token)).status).toBe(401);
  });

  it('given LEDGER_JWT_MAX_TTL=1h, when a 2h token is used, then 401; a 1h token is accepted', async () => {
    expect(
      (await status(short, short.token({ sub: 'rita', role: 'reviewer' }, 2 * HOUR))).status,
    ).toBe(401);
    expect((await status(short, short.token({ sub: 'rita', role: 'reviewer' }, HOUR))).status).toBe(
      200,
    );
  });
});

describe('actor ids (issue #12, point 11)', () => {
  let t: PlatformTestApp;
  beforeAll(async () => {
    t = await startPlatformTestApp({ controllers: [AuthTestController] });
  });
  afterAll(() => t.close());

  it.each([
    ['Rita', 'rita'],
    ['rita ', 'rita'],
    ['  RITA', 'rita'],
    ['Ｒｉｔａ', 'rita'],
    ['Straße', 'strasse'],
    ['ﬁona', 'fiona'],
    ['张 三', '张 三'],
  ])(
    'given sub %j, when it signs in, then the actor id is %j (NFKC, trimmed, case-folded)',
    async (sub, actorId) => {
      const response = await t.request('GET', '/auth-test/me', {
        token: t.token({ sub, role: 'reviewer' }, 60),
      });
      expect(response).toMatchObject({ status: 200, body: { actorId, role: 'reviewer' } });
    },
  );

  it.each([
    ['a NUL', 'ri\u0000ta'],
    ['a line feed', 'rita\n'],
    ['an escape', '\u001b[31mrita'],
    ['a zero-width space', 'ri\u200Bta'],
    ['a zero-width joiner', 'rita\u200D'],
    ['a right-to-left override', '\u202Erita'],
    ['a left-to-right mark', 'rita\u200E'],
    ['a byte-order mark', '\uFEFFrita'],
    ['a soft hyphen', 'ri\u00ADta'],
    ['only zero-width characters', '\u200B\u200C'],
    ['only blanks', ' \u3000 '],
    ['a Hangul filler', '\u3164'],
  ])('given a sub with %s, when it signs in, then 401 names the problem', async (_what, sub) => {
    const response = await t.request('GET', '/auth-test/me', {
      token: t.token({ sub, role: 'reviewer' }, 60),
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ message: expect.stringContaining('sub') });
  });
});
