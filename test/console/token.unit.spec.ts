import { expired, sessionOf } from '../../apps/console/src/auth/token';

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) => `${b64url({ alg: 'HS256' })}.${b64url(claims)}.sig`;

describe('the console reads the role from the token to choose the page', () => {
  it('given a ledger token, when read, then role, subject and enterprise come from its claims', () => {
    const s = sessionOf(jwt({ sub: '张三', role: 'applicant', enterpriseId: 'X', exp: 100 }));
    expect(s).toMatchObject({ sub: '张三', role: 'applicant', enterpriseId: 'X', exp: 100 });
    expect(expired(s!, 99_000)).toBe(false);
    expect(expired(s!, 100_000)).toBe(true);
  });

  it("given an identity provider's token with the role in another claim, when read, then that one role is found", () => {
    expect(sessionOf(jwt({ sub: 'u1', roles: ['finance'] }))?.role).toBe('finance');
    expect(sessionOf(jwt({ sub: 'u1', ledger_role: 'auditor' }))?.role).toBe('auditor');
  });

  it('given no role, two roles, an unknown role or a malformed token, when read, then there is no session', () => {
    expect(sessionOf(jwt({ sub: 'u1' }))).toBeUndefined();
    expect(sessionOf(jwt({ sub: 'u1', a: 'finance', b: 'auditor' }))).toBeUndefined();
    expect(sessionOf(jwt({ sub: 'u1', role: 'admin' }))).toBeUndefined();
    expect(sessionOf('not-a-token')).toBeUndefined();
  });
});
