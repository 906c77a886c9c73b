import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { LEDGER_PROJECTIONS } from '../projections';
import { compareBinary } from '../queries/compare-binary';
import { Projection, ReadEventsPage } from '../read-model';
import type { ReadModelDump, RebuildResult } from '../rebuild';
import {
  CHECKPOINT_TABLE,
  DOCUMENTS_TABLE,
  JOURNAL_TABLES,
} from '../sqlite/sqlite-read-model.schema';
import {
  decodeRowMember,
  REDIS_DEFAULT_KEY_PREFIX,
  redisJournal,
  RedisKeys,
  sqliteShapedRow,
} from './redis-layout';
import { RedisReadModels } from './redis-read-models';

export const REDIS_REBUILD_LIMITS = {
  /** Events per page read and applied. */
  pageSize: 1_000,
  /** How long the fence outlives a rebuild that died while replaying. */
  fenceTtlMs: 60_000,
  /** SCAN COUNT and keys per UNLINK. */
  scanCount: 1_000,
} as const;

export interface RedisRebuildOptions {
  /** Default `ledger:`. */
  keyPrefix?: string;
  projections?: readonly Projection[];
  pageSize?: number;
  fenceTtlMs?: number;
}

const RENEW_FENCE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

const RELEASE_FENCE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

/**
 * Deletes every key under the prefix and replays all events from position 0,
 * page by page (each event atomically with the checkpoint, as the projector
 * writes them).
 *
 * A fence key (`{prefix}rebuilding`) holds every other writer off: their
 * scripts are refused with `RedisReadModelsRebuildingError`, so a projector
 * that is still running backs off instead of writing onto a half-deleted model
 * or ahead of the replay; once the fence is gone it resumes from the
 * checkpoint. While keys are being deleted the fence has no expiry (if the
 * rebuild dies there, the models are half-deleted: run the rebuild again).
 * While replaying it expires `fenceTtlMs` after the last page: a rebuild that
 * dies then leaves read models that are exact up to their checkpoint, which a
 * projector may carry on from. Readers see a partial model (and a lower
 * checkpoint) until the replay is done.
 */
export async function rebuildRedisReadModels(
  redis: Redis,
  readAll: ReadEventsPage,
  options: RedisRebuildOptions = {},
): Promise<RebuildResult> {
  const keyPrefix = options.keyPrefix ?? REDIS_DEFAULT_KEY_PREFIX;
  const keys = new RedisKeys(keyPrefix);
  const pageSize = options.pageSize ?? REDIS_REBUILD_LIMITS.pageSize;
  const fenceTtlMs = options.fenceTtlMs ?? REDIS_REBUILD_LIMITS.fenceTtlMs;
  const token = randomUUID();

  await redis.set(keys.fence, token);
  await redis.unlink(keys.checkpoint);
  await deleteKeysUnder(redis, keys, keys.fence);
  await renewFence(redis, keys, token, fenceTtlMs);

  const readModels = new RedisReadModels(redis, {
    keyPrefix,
    projections: options.projections ?? LEDGER_PROJECTIONS,
    rebuildToken: token,
  });
  let after = 0;
  let events = 0;
  try {
    for (;;) {
      const page = await readAll(after, pageSize);
      if (page.length === 0) break;
      await readModels.applyEvents(page, { afterPosition: after });
      events += page.length;
      after = page[page.length - 1].position;
      await renewFence(redis, keys, token, fenceTtlMs);
    }
  } finally {
    await redis.eval(RELEASE_FENCE, 1, keys.fence, token);
  }
  return { events, position: await readModels.checkpoint() };
}

async function renewFence(
  redis: Redis,
  keys: RedisKeys,
  token: string,
  ttlMs: number,
): Promise<void> {
  const held = await redis.eval(RENEW_FENCE, 1, keys.fence, token, String(ttlMs));
  if (Number(held) !== 1) {
    throw new Error(`rebuild of ${keys.prefix}: another rebuild took over (or the fence expired)`);
  }
}

/** SCAN + UNLINK of every key under the prefix but `keep`, until a pass finds none. */
async function deleteKeysUnder(redis: Redis, keys: RedisKeys, keep: string): Promise<void> {
  for (;;) {
    let deleted = 0;
    await scanKeys(redis, keys, async (batch) => {
      const doomed = batch.filter((k) => k !== keep);
      if (doomed.length > 0) deleted += await redis.unlink(...doomed);
    });
    if (deleted === 0) return;
  }
}

async function scanKeys(
  redis: Redis,
  keys: RedisKeys,
  onBatch: (batch: string[]) => Promise<void>,
): Promise<void> {
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(
      cursor,
      'MATCH',
      keys.everything(),
      'COUNT',
      REDIS_REBUILD_LIMITS.scanCount,
    );
    if (batch.length > 0) await onBatch(batch);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * The Redis read models in exactly the shape `dumpSqliteReadModels` gives for
 * the same events: the same table names, documents as `{collection, id,
 * position, doc}`, journal rows with SQLite's column names, JSON columns as
 * text and `seq`, each sorted by its key. The one global checkpoint shows as
 * one row per projection (`name.vN`, as stored with the read models), which
 * is what SQLite has once every projection has processed the same events.
 *
 * Read with SCAN, so every key counts (a document its index does not know
 * shows with `position: null`, an index entry without a document with
 * `doc: null`). Taken again if the checkpoint moved while reading.
 */
export async function dumpRedisReadModels(
  redis: Redis,
  keyPrefix: string = REDIS_DEFAULT_KEY_PREFIX,
): Promise<ReadModelDump> {
  const keys = new RedisKeys(keyPrefix);
  for (let attempt = 0; ; attempt++) {
    const before = await redis.get(keys.checkpoint);
    const dump = await readDump(redis, keys);
    const after = await redis.get(keys.checkpoint);
    if (before === after || attempt >= 9) return dump;
  }
}

async function readDump(redis: Redis, keys: RedisKeys): Promise<ReadModelDump> {
  const all: string[] = [];
  await scanKeys(redis, keys, async (batch) => {
    all.push(...batch);
  });
  const unique = [...new Set(all)];
  const p = keys.prefix;
  const under = (k: string, what: string) => k.startsWith(`${p}${what}`);

  const dump: ReadModelDump = {};
  const [checkpointValue, signature] = await redis.mget(keys.checkpoint, keys.projections);
  const checkpoint = checkpointValue === null ? 0 : Number(checkpointValue);
  dump[CHECKPOINT_TABLE] =
    checkpoint > 0 && signature
      ? signature
          .split(',')
          .sort(compareBinary)
          .map((name) => ({ name, position: checkpoint }))
      : [];

  // Documents: every doc key, with its position from its collection's index.
  const docKeys = unique.filter((k) => under(k, 'doc:'));
  const indexKeys = unique.filter((k) => under(k, 'docs:'));
  const documents = new Map<string, Record<string, unknown>>();
  const idOf = (collection: string, id: string) => `${collection}\u0000${id}`;
  for (const key of indexKeys) {
    const collection = key.slice(`${p}docs:`.length);
    const entries = await redis.zrange(key, 0, -1, 'WITHSCORES');
    for (let i = 0; i < entries.length; i += 2) {
      const id = entries[i];
      documents.set(idOf(collection, id), {
        collection,
        id,
        position: Number(entries[i + 1]),
        doc: null,
      });
    }
  }
  for (let i = 0; i < docKeys.length; i += REDIS_REBUILD_LIMITS.scanCount) {
    const chunk = docKeys.slice(i, i + REDIS_REBUILD_LIMITS.scanCount);
    const values = await redis.mget(...chunk);
    chunk.forEach((key, n) => {
      const rest = key.slice(`${p}doc:`.length);
      const colon = rest.indexOf(':');
      const collection = rest.slice(0, colon);
      const id = rest.slice(colon + 1);
      const value = values[n];
      if (value === null) return; // deleted since the SCAN
      const row = documents.get(idOf(collection, id)) ?? { collection, id, position: null };
      documents.set(idOf(collection, id), { ...row, doc: JSON.parse(value) as unknown });
    });
  }
  dump[DOCUMENTS_TABLE] = [...documents.values()].sort(
    (a, b) =>
      compareBinary(String(a['collection']), String(b['collection'])) ||
      compareBinary(String(a['id']), String(b['id'])),
  );

  // Journals: every row once, from the first index of each.
  for (const table of JOURNAL_TABLES) {
    const journal = redisJournal(table.journal);
    const rows: { position: number; seq: number; row: Record<string, unknown> }[] = [];
    if (journal) {
      const field = journal.layout.indexes[0];
      const primary =
        field === null
          ? unique.filter((k) => k === keys.rows(table.journal, null))
          : unique.filter((k) => k.startsWith(keys.rows(table.journal, field, '')));
      for (const key of primary) {
        for (const member of await redis.zrange(key, 0, -1)) rows.push(decodeRowMember(member));
      }
    }
    rows.sort((a, b) => a.position - b.position || a.seq - b.seq);
    dump[table.table] = rows.map((r) => sqliteShapedRow(table, r.row, r.seq));
  }
  return dump;
}
