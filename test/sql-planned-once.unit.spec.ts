import * as fs from 'node:fs';
import * as path from 'node:path';
import { productionSources } from './support/source-scanner';

/**
 * SQLite (3.47 and later, better-sqlite3 12 ships 3.53) reads some bound
 * parameters while it plans a statement: a bare `?` as a LIMIT or OFFSET, as
 * the pattern of LIKE or GLOB, or compared with a column that a partial
 * index's condition names (the read-model documents' `collection`), unless
 * the statement looks a row up by its whole key, which SQLite plans by a
 * short cut without the partial indexes. It then marks the statement to be parsed
 * and planned again each time that parameter is bound, and better-sqlite3
 * binds every parameter on every call. A prepared statement of that shape is
 * prepared anew on every use (ADR 0020 §77: a quarter of a stream read's CPU,
 * 3.5 % of an approval's). Such a parameter goes behind a unary plus
 * (`LIMIT +?`, `collection = +?`: the same value, which the planner does not
 * look into).
 */
// `??` is JavaScript's nullish operator after a variable named `limit`, not SQL.
const REPLANNED = /\b(LIMIT|OFFSET|LIKE|GLOB)\s+\?(?!\?)/i;
const PARTIAL_INDEX_EQUALITY = /\bcollection\s*=\s*\?(?!\?)/;
const WHOLE_KEY = /\bcollection\s*=\s*\?.*\bid\s*=\s*\?/;

function replannedLines(source: string): number[] {
  const lines: number[] = [];
  source.split('\n').forEach((line, i) => {
    const code = line.trim();
    if (code.startsWith('*') || code.startsWith('/*') || code.startsWith('//')) return;
    const partial = PARTIAL_INDEX_EQUALITY.test(code) && !WHOLE_KEY.test(code);
    if (REPLANNED.test(code) || partial) lines.push(i + 1);
  });
  return lines;
}

describe('SQL planned once: no parameter SQLite reads while planning', () => {
  it('given SQL with a bare parameter as limit, offset, pattern or partial-index value, when scanned, then each line is reported', () => {
    const source = [
      "db.prepare('SELECT * FROM t ORDER BY a LIMIT ?');",
      'const sql = `SELECT * FROM t LIMIT 10 OFFSET ?`;',
      "db.prepare('SELECT * FROM t WHERE name like ?');",
      "db.prepare('SELECT * FROM t WHERE name GLOB ?');",
      "const conditions = ['collection = ?'];",
      "db.prepare('SELECT doc FROM d WHERE collection = ? AND id = ?');",
      "const conditions = ['collection = +?'];",
      "db.prepare('SELECT * FROM t ORDER BY a LIMIT +?');",
      "db.prepare('SELECT * FROM t ORDER BY a LIMIT 1');",
      ' * a bare `LIMIT ?` in a comment is not SQL',
      'const value = limit ?? LIMITS.pageSizeDefault;',
    ].join('\n');
    expect(replannedLines(source)).toEqual([1, 2, 3, 4, 5]);
  });

  it('given the production sources, when scanned, then no statement binds such a parameter bare', () => {
    const repo = path.resolve(__dirname, '..');
    const found = ['libs', 'apps'].flatMap((root) =>
      productionSources(path.join(repo, root)).flatMap((file) =>
        replannedLines(fs.readFileSync(file, 'utf8')).map(
          (line) => `${path.relative(repo, file)}:${line}`,
        ),
      ),
    );
    expect(found).toEqual([]);
  });
});
