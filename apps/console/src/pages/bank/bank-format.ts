/**
 * Pure helpers of the bank pages (issue #14 point 7), kept apart from React so
 * that unit tests reach them without a browser.
 */

/** A CNAPS bank code (大额支付系统行号) is 12 digits; the API refuses anything else (400). */
export const isCnapsCode = (text: string): boolean => /^\d{12}$/.test(text.trim());

/** An account number as the API takes it: 8 to 32 digits. */
export const isAccountNumber = (text: string): boolean => /^\d{8,32}$/.test(text.trim());

/** The request a statement file becomes: camt.053 XML as XML, anything else as the CSV body. */
export type StatementRequest =
  { kind: 'xml'; text: string } | { kind: 'csv'; body: { format: 'csv'; content: string } };

export function statementRequest(fileName: string, text: string): StatementRequest {
  // A byte-order mark or whitespace before `<?xml` is still an XML statement.
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (fileName.toLowerCase().endsWith('.xml') || head.startsWith('<')) return { kind: 'xml', text };
  return { kind: 'csv', body: { format: 'csv', content: text } };
}

/** Basis points (1/100 %) as a percentage with two decimals: 4250 → `42.50%`; null → `—`. */
export function basisPointsText(bp: number | null | undefined): string {
  if (bp === null || bp === undefined || !Number.isSafeInteger(bp)) return '—';
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** Share of `partFen` in `wholeFen` for a bar's width, 0..100; 0 when nothing is appropriated. */
export function barPercent(partFen: number, wholeFen: number): number {
  if (wholeFen <= 0 || partFen <= 0) return 0;
  return Math.min(100, (partFen / wholeFen) * 100);
}

/** Tranche ids typed or picked, one a line or separated by commas, each once, in order. */
export function trancheIdList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,，]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
