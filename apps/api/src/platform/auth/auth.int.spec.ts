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
