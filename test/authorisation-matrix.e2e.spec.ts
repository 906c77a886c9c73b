import { JwtService } from '@nestjs/jwt';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import {
  LedgerProcess,
  removeTempDataDirs,
  Role,
  startLedger,
  tempDataDir,
  TEST_JWT_SECRET,
  tokenFor,
} from './support/ledger-process';

/**
 * Issue #12: the authorisation matrix, generated from the OpenAPI document the
 * API serves. Every operation × every role, plus no token, a malformed token,
 * an expired one and one signed with another secret. Who may call what is
 * read from `x-roles` / `x-public`, which the `@Roles` and `@Public`
 * decorators write (the guard reads the same metadata); an operation with
 * neither must be one API.md opens to any signed-in role, so a route that
 * loses its `@Roles` fails here. Bodies are empty and ids unknown: the
 * allowed roles get a 2xx, 400, 404, 409 or 422, never 401, 403 or 500, and
 * nothing is written for anyone refused.
 */
jest.setTimeout(180_000);

const ROLES: Role[] = ['applicant', 'reviewer', 'finance', 'supervisor', 'auditor'];
/** API.md: `GET /v1/policies` is for any role; nothing else is without `@Roles` or `@Public`. */
const ANY_SIGNED_IN = new Set(['GET /v1/policies']);

const ENTERPRISE = makeCreditCode(4242);
const SCHOOL = 'school-matrix';
const PERSON = makeResidentId('140202', '19900101', 77);

const jwt = new JwtService();
const BAD_TOKENS: Record<string, string | undefined> = {
  'no token': undefined,
  'a malformed token': 'not.a.jwt',
  'an expired token': jwt.sign(
    { sub: 'rita', role: 'reviewer', iat: Math.floor(Date.now() / 1000) - 7200 },
    { secret: TEST_JWT_SECRET, algorithm: 'HS256', expiresIn: '1h' },
  ),
  'a token signed with another secret': jwt.sign(
    { sub: 'rita', role: 'reviewer' },
    { secret: 'another-secret-0123456789abcdef0123456789', algorithm: 'HS256', expiresIn: '1h' },
  ),
};
const tokenOf = (role: Role): string =>
  tokenFor(`matrix-${role}`, role, { enterpriseId: ENTERPRISE, schoolId: SCHOOL });

interface Operation {
  method: string;
  path: string;
  /** Undefined: any signed-in role. */
  roles?: Role[];
  isPublic: boolean;
  hasBody: boolean;
}

interface OpenApiOperation {
  'x-roles'?: Role[];
  'x-public'?: boolean;
  requestBody?: unknown;
  responses?: unknown;
}

/** Path parameters: the applicant's own enterprise and school, so ownership never answers 403. */
function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string, offset: number) => {
    const before = path.slice(0, offset);
    if (name === 'personId') return PERSON;
    if (name === 'id' && before.endsWith('/enterprises/')) return ENTERPRISE;
    if (name === 'id' && before.endsWith('/schools/')) return SCHOOL;
    return `matrix-unknown-${name}`;
  });
}

describe('authorisation matrix from the OpenAPI document (issue #12)', () => {
  let api: LedgerProcess;
  let operations: Operation[];
  const answers: { who: string; operation: string; status: number }[] = [];

  async function call(op: Operation, token: string | undefined, who: string) {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (op.hasBody) headers['content-type'] = 'application/json';
    const res = await fetch(`${api.baseUrl}${concretePath(op.path)}`, {
      method: op.method,
      headers,
      body: op.hasBody ? '{}' : undefined,
    });
    const text = await res.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    answers.push({ who, operation: `${op.method} ${op.path}`, status: res.status });
    return { status: res.status, body: body as { message?: string } | undefined };
  }

  beforeAll(async () => {
    api = await startLedger(tempDataDir('matrix'));
    const document = (await (await fetch(`${api.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => typeof op === 'object' && op !== null && 'responses' in op)
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          roles: op['x-roles'],
          isPublic: op['x-public'] === true && op['x-roles'] === undefined,
          hasBody: op.requestBody !== undefined,
        })),
    );
  });

  afterAll(async () => {
    await api?.stop();
    removeTempDataDirs();
  });

  it('given the document, then every operation says who may call it (x-roles or x-public), or is one API.md opens to any role', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    const unguarded = operations
      .filter((op) => !op.isPublic && op.roles === undefined)
      .map((op) => `${op.method} ${op.path}`);
    expect(unguarded).toEqual([...ANY_SIGNED_IN]);
    for (const op of operations) {
      if (op.roles) expect(op.roles.every((r) => ROLES.includes(r))).toBe(true);
    }
  });

  it.each(Object.keys(BAD_TOKENS))(
    'given %s, when every operation is called, then the guarded ones answer 401 and the public ones never 401 or 500',
    async (who) => {
      const problems: string[] = [];
      for (const op of operations) {
        const { status, body } = await call(op, BAD_TOKENS[who], who);
        const expected = op.isPublic ? status !== 401 && status < 500 : status === 401;
        if (!expected || body === undefined) {
          problems.push(`${op.method} ${op.path}: ${status} ${JSON.stringify(body)}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(ROLES)(
    'given the role %s, when every operation is called with its token, then the roles allowed get no 401/403/500 and the others 403',
    async (role) => {
      const problems: string[] = [];
      for (const op of operations) {
        const allowed = op.isPublic || op.roles === undefined || op.roles.includes(role);
        const { status, body } = await call(op, tokenOf(role), role);
        const ok = allowed
          ? status < 300 || [400, 404, 409, 422].includes(status)
          : status === 403 && /needs the role/.test(body?.message ?? '');
        if (!ok) problems.push(`${op.method} ${op.path}: ${status} ${JSON.stringify(body)}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('given the whole matrix, then no request answered 500', () => {
    const expected = operations.length * (ROLES.length + Object.keys(BAD_TOKENS).length);
    expect(answers).toHaveLength(expected);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    if (process.env.TEST_FIGURES === '1') {
      process.stdout.write(
        `authorisation matrix: ${operations.length} operations, ${answers.length} requests\n`,
      );
    }
  });
});
