import { maskIdNumbersInText } from '@ledger/audit/mask';

/**
 * Resident ID numbers are personal data and never reach a log line. Anything
 * that could be one (17 digits and a digit or X, even glued to other
 * characters) is masked the way public lists show it: `140202********1234`.
 *
 * A URL may carry the number percent-encoded (`%31%34…`), once or twice over;
 * it is decoded before masking. A text without an ID number is returned as it
 * was, its encoding included, so ordinary URLs stay readable.
 */
const DECODE_ROUNDS_MAX = 3;
const PERCENT_BYTE = /%[0-9A-Fa-f]{2}/;

export function maskIdNumbers(text: string): string {
  const masked = maskIdNumbersInText(text);
  if (!PERCENT_BYTE.test(text)) return masked;
  let decoded = text;
  for (let round = 0; round < DECODE_ROUNDS_MAX && PERCENT_BYTE.test(decoded); round++) {
    decoded = decodePercent(decoded);
  }
  const decodedMasked = maskIdNumbersInText(decoded);
  return decodedMasked === decoded ? masked : decodedMasked;
}

/** Like decodeURIComponent, but never throws: a malformed sequence is decoded byte by byte. */
function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
}
