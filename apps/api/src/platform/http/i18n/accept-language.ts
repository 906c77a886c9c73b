/** The languages error bodies are written in; English is the machines' default. */
export type Language = 'en' | 'zh';

/**
 * The language an `Accept-Language` header prefers (RFC 9110 §12.5.4): the
 * supported range with the highest q wins, the first listed on a tie; `q=0`
 * refuses a language; `*` and anything unknown leave English.
 */
export function preferredLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'en';
  let best: { lang: Language; q: number } | undefined;
  for (const part of value.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const lang: Language | undefined =
      range === 'zh' || range.startsWith('zh-')
        ? 'zh'
        : range === 'en' || range.startsWith('en-')
          ? 'en'
          : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'en';
}
