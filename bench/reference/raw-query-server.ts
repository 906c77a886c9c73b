/**
 * The reference of the query workload: a bare `node:http` server answering
 * the same two queries from the same SQLite file with the same SQL as
 * SqliteReadModels (and the same one-row read of the enterprise's stream),
 * with no framework and no validation, but the bearer token verified as the
 * API verifies it (HS256, jsonwebtoken). What the ledger's queries cost
 * beyond this is the API's own overhead.
 *
 *   node --import tsx bench/reference/raw-query-server.ts <ledger.sqlite> <person-key-secret> <jwt-secret>
 *
 * Prints `listening <port>` and serves until SIGTERM:
 *   GET /balance/<enterpriseId>?asOf=YYYY-MM-DD
 *   GET /cap/<personId>
 */
import Database from 'better-sqlite3';
import { createHmac, createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import { verify } from 'jsonwebtoken';

const [file, personKeySecret, jwtSecret] = process.argv.slice(2);
if (!file || !personKeySecret || !jwtSecret) {
  throw new Error('usage: raw-query-server.ts <file> <person-key-secret> <jwt-secret>');
}
const db = new Database(file, { readonly: true, fileMustExist: true });
const firstOfStream = db.prepare(
  'SELECT position FROM events WHERE stream = ? AND revision >= 0 ORDER BY revision LIMIT 1',
);
const balance = db.prepare(
  'SELECT programme, kind, SUM(amount_fen) AS amountFen FROM balance_entries ' +
    'WHERE enterprise_id = ? AND business_date <= ? GROUP BY programme, kind',
);
const cap = db.prepare(
  'SELECT enterprise_id AS enterpriseId, SUM(amount_fen) AS usedFen FROM person_cap_entries ' +
    'WHERE person_key = ? GROUP BY enterprise_id ORDER BY enterprise_id',
);

// A key made once, as the API does (actor-token.ts): a string secret costs a key per verify.
const jwtKey = createSecretKey(Buffer.from(jwtSecret, 'utf8'));

const server = createServer((req, res) => {
  try {
    verify((req.headers.authorization ?? '').slice('Bearer '.length), jwtKey, {
      algorithms: ['HS256'],
    });
  } catch {
    res.statusCode = 401;
    res.end('{"error":"unauthorized"}');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://x');
  const [, kind, id] = url.pathname.split('/');
  let body: unknown;
  if (kind === 'balance' && id) {
    if (firstOfStream.get(`enterprise-${id}`) === undefined) body = undefined;
    else body = { enterpriseId: id, rows: balance.all(id, url.searchParams.get('asOf')) };
  } else if (kind === 'cap' && id) {
    const key = createHmac('sha256', personKeySecret).update(id, 'utf8').digest('hex').slice(0, 40);
    body = { byEnterprise: cap.all(key) };
  }
  res.statusCode = body === undefined ? 404 : 200;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body ?? { error: 'not found' }));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
