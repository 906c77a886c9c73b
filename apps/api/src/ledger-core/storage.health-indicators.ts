import type { EventStore } from '@ledger/event-store/event-store.port';
import type Database from 'better-sqlite3';
import type Redis from 'ioredis';
import * as fs from 'node:fs';
import { LedgerHealthIndicator } from '../platform/health/health-indicator';

/**
 * The embedded store is ready while its file is still there, readable and
 * writable, and the open connection answers. An open handle keeps working on a
 * deleted file, so the file is checked by name: writes would land in a file no
 * backup or restart will ever see.
 */
export function sqliteHealthIndicator(file: string, db: Database.Database): LedgerHealthIndicator {
  return {
    name: 'sqlite',
    check: () => {
      try {
        if (!db.open) throw new Error('the database connection is closed');
        const stat = fs.statSync(file);
        if (!stat.isFile()) throw new Error(`${file} is not a file`);
        fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
        db.prepare('SELECT 1').get();
        return Promise.resolve();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return Promise.reject(new Error(`${file} is missing`));
        return Promise.reject(error as Error);
      }
    },
  };
}

export function redisHealthIndicator(redis: Redis): LedgerHealthIndicator {
  return {
    name: 'redis',
    check: async () => {
      if (redis.status !== 'ready') throw new Error(`redis connection is ${redis.status}`);
      await redis.ping();
    },
  };
}

export function eventStoreDbHealthIndicator(store: EventStore): LedgerHealthIndicator {
  return {
    name: 'eventstoredb',
    check: async () => {
      await store.headPosition();
    },
  };
}
