/**
 * Actor ids (a token's `sub`) as R-SOD compares them (RULES.md "Parties and
 * roles"): Unicode NFKC, trimmed and case-folded, so `Rita`, `rita ` and
 * `ｒｉｔａ` are one actor. An id holding a control or invisible character is
 * refused rather than cleaned: `rita\u200B` looks like `rita` on every
 * screen, and quietly dropping the character would let two tokens that were
 * meant to be different actors pass as one, or a log line lie about who
 * acted.
 */
export const ACTOR_ID_CHARS_MAX = 200;

/**
 * Control (Cc), format (Cf: zero-width, bidi controls, soft hyphen, BOM…),
 * surrogate (Cs), line and paragraph separators, and the fillers that render
 * as nothing (Hangul fillers, the braille blank).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;

export type ActorIdCheck = { ok: true; actorId: string } | { ok: false; problem: string };

/**
 * Case folding by upper- then lower-casing: unlike toLowerCase alone it also
 * folds `ß` to `ss` and the final sigma; NFKC again after it, as Unicode's
 * NFKC_Casefold does.
 */
const caseFold = (text: string): string => text.toUpperCase().toLowerCase().normalize('NFKC');

export function normaliseActorId(sub: unknown): ActorIdCheck {
  if (typeof sub !== 'string') return { ok: false, problem: 'sub must be a string' };
  if (INVISIBLE.test(sub)) {
    return { ok: false, problem: 'sub must not hold control or invisible characters' };
  }
  const actorId = caseFold(sub.normalize('NFKC').trim());
  if (actorId === '') return { ok: false, problem: 'sub must not be blank' };
  if (INVISIBLE.test(actorId)) {
    return { ok: false, problem: 'sub must not hold control or invisible characters' };
  }
  if ([...actorId].length > ACTOR_ID_CHARS_MAX) {
    return { ok: false, problem: `sub must be at most ${ACTOR_ID_CHARS_MAX} characters` };
  }
  return { ok: true, actorId };
}
