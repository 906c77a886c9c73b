/**
 * Orders strings as SQLite's BINARY collation does (UTF-8 bytes, i.e. code
 * points), which differs from `<` on UTF-16 units only around surrogates: the
 * queries sort and compare with it so every store answers in SQLite's order.
 */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
    return x < y ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : 1;
}
