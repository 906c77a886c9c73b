/**
 * The reference of the command figures: a bare `node:http` server that
 * verifies the bearer token as the API does (HS256, jsonwebtoken), parses the
 * JSON body, and inserts as many events as the ledger's command wrote, each on
 * its own stream with its expected revision checked, on the event store's
 * table layout, all in ONE BEGIN IMMEDIATE … COMMIT with synchronous=FULL
 * (raw-sqlite.ts). No domain, no read model, no group commit: what a command
 * that writes those events cannot go below on this machine.
 *
 *   node --import tsx bench/reference/raw-command-server.ts <dir> <jwt-secret>
 *
 * Prints `listening <port>` and serves until SIGTERM:
 *   POST /commands/<events>   (any JSON body) → 201 {"position": …}
 */
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { verify } from 'jsonwebtoken';
import { commandAppends, openRawGroupedTable } from '../raw-sqlite';

const [dir, jwtSecret] = process.argv.slice(2);
if (!dir || !jwtSecret) throw new Error('usage: raw-command-server.ts <dir> <jwt-secret>');
const table = openRawGroupedTable(join(dir, 'raw-commands.sqlite'), 'ledger');
let commands = 0;

// A key made once, as the API does (actor-token.ts): a string secret costs a key per verify.
const jwtKey = createSecretKey(Buffer.from(jwtSecret, 'utf8'));

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (d: Buffer) => chunks.push(d));
  req.on('end', () => {
    try {
      verify((req.headers.authorization ?? '').slice('Bearer '.length), jwtKey, {
        algorithms: ['HS256'],
      });
    } catch {
      res.statusCode = 401;
      res.end('{"error":"unauthorized"}');
      return;
    }
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const events = Number(/^\/commands\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
    const n = commands++;
    const appends = commandAppends(n, events);
    table.appendGrouped(appends, Math.max(1, appends.length));
    res.statusCode = 201;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ command: n, events }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () =>
  server.close(() => {
    table.close();
    process.exit(0);
  }),
);
