/**
 * The sign-in token arrives in the URL fragment (`/console/#token=…`, printed by
 * `npm run token -- … --link`): a fragment never reaches a server log or a
 * Referer. It moves to sessionStorage (gone when the tab closes; never
 * localStorage, which outlives the session and is shared by every tab) and
 * leaves the address bar at once.
 */
import { Session, sessionOf } from './token';

export { expired, ROLES, sessionOf } from './token';
export type { Role, Session } from './token';

const KEY = 'ledger.token';

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

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}
