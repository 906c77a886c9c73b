/**
 * The sign-in token arrives in the URL fragment (`/console/#token=…`, printed by
 * `npm run token -- … --link`): a fragment never reaches a server log or a
 * Referer. It moves to sessionStorage (gone when the tab closes; never
 * localStorage, which outlives the session and is shared by every tab) and
 * leaves the address bar at once.
 */
const KEY = 'ledger.token';

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

/** Moves a `#token=` fragment into sessionStorage and off the URL; then the stored session. */
export function signIn(): Session | undefined {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromLink = fragment.get('token');
  if (fromLink) {
    sessionStorage.setItem(KEY, fromLink);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(
      null,
      '',
      `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`,
    );
  }
  const token = sessionStorage.getItem(KEY);
  return token ? sessionOf(token) : undefined;
}

export const expired = (s: Session, nowMs: number): boolean =>
  s.exp !== undefined && s.exp * 1000 <= nowMs;

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}
