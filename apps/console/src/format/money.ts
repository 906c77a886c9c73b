/**
 * Money is integer fen end to end (API.md "Conventions"); people read yuan.
 * Formatting uses integer arithmetic only: a float division would print
 * 0.1 + 0.2 style errors on large sums.
 */
const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** 1250000 → `¥12,500.00`; -5 → `-¥0.05`. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  const text = `¥${String(yuan).replace(GROUPS, ',')}.${String(cents).padStart(2, '0')}`;
  return fen < 0 ? `-${text}` : text;
}

/**
 * What a person types in yuan (`12,500`, `12500.5`, `¥12,500.00`) → integer fen,
 * or undefined when it is not an amount with at most two decimals.
 */
export function parseYuan(text: string): number | undefined {
  const m = /^(-)?¥?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/[,，\s]/g, ''));
  if (!m) return undefined;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
