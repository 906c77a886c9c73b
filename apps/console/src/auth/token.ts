/** What the console reads from a token; pure (no DOM), so it is unit-tested in Node. */
export type Role = 'applicant' | 'reviewer' | 'finance' | 'supervisor' | 'auditor';
export const ROLES: readonly Role[] = ['applicant', 'reviewer', 'finance', 'supervisor', 'auditor'];

export interface Session {
  token: string;
  sub: string;
  role: Role;
  enterpriseId?: string;
  schoolId?: string;
  exp?: number;
}

function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '=')), (c) =>
        c.charCodeAt(0),
      ),
    );
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const isRole = (v: unknown): v is Role => typeof v === 'string' && ROLES.includes(v as Role);

/**
 * The role: the `role` claim, or, for an identity provider's token whose role
 * sits in another claim (LEDGER_JWT_ROLE_CLAIM), the one claim holding a role
 * name (or a list with one). The API decides what the token may do; this only
 * picks the page.
 */
function roleOf(c: Record<string, unknown>): Role | undefined {
  if (isRole(c.role)) return c.role;
  const found = Object.values(c)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter(isRole);
  return new Set(found).size === 1 ? found[0] : undefined;
}

/** Reads (not verifies: the API does) the token's claims; the role decides the menu. */
export function sessionOf(token: string): Session | undefined {
  const c = claimsOf(token);
  const role = c ? roleOf(c) : undefined;
  if (!c || !role) return undefined;
  return {
    token,
    sub: String(c.sub ?? ''),
    role,
    enterpriseId: typeof c.enterpriseId === 'string' ? c.enterpriseId : undefined,
    schoolId: typeof c.schoolId === 'string' ? c.schoolId : undefined,
    exp: typeof c.exp === 'number' ? c.exp : undefined,
  };
}

export const expired = (s: Session, nowMs: number): boolean =>
  s.exp !== undefined && s.exp * 1000 <= nowMs;
