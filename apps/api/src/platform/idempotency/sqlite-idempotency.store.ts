import { OnApplicationShutdown } from '@nestjs/common';
import {
  createPrivateDatabaseFile,
  restrictSqliteSidecars,
} from '@ledger/event-store/sqlite/private-files';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  IdempotencyClaim,
  IdempotencyClaimRequest,
  IdempotencyKeyRef,
  IdempotencyStore,
  StoredResponse,
} from './idempotency.store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope            TEXT    NOT NULL,
  key              TEXT    NOT NULL,
  fingerprint      TEXT    NOT NULL,
  state            TEXT    NOT NULL CHECK (state IN ('in_progress', 'completed')),
  claim_id         TEXT    NOT NULL,
  lease_expires_ms INTEGER NOT NULL,
  status_code      INTEGER,
  body_json        TEXT,
  created_ms       INTEGER NOT NULL,
  completed_ms     INTEGER,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID`;

interface Row {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  lease_expires_ms: number;
  status_code: number | null;
  body_json: string | null;
}

/**
 * Keys in the embedded SQLite file, on a connection of its own. The event store
 * opens the same file from other connections and processes; WAL lets them
 * read concurrently and `busy_timeout` queues the writers.
 */
export class SqliteIdempotencyStore implements IdempotencyStore, OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly claimTx: (request: IdempotencyClaimRequest) => IdempotencyClaim;
  private readonly completeStmt: Database.Statement;
  private readonly releaseStmt: Database.Statement;

  constructor(
    file: string,
    private readonly nowMs: () => number = Date.now,
  ) {
    createPrivateDatabaseFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    restrictSqliteSidecars(file);
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);

    const select = this.db.prepare<[string, string], Row>(
      `SELECT fingerprint, state, lease_expires_ms, status_code, body_json
         FROM idempotency_keys WHERE scope = ? AND key = ?`,
    );
    const upsertClaim = this.db.prepare(
      `INSERT INTO idempotency_keys
         (scope, key, fingerprint, state, claim_id, lease_expires_ms, created_ms)
       VALUES (@scope, @key, @fingerprint, 'in_progress', @claimId, @leaseExpiresMs, @nowMs)
       ON CONFLICT (scope, key) DO UPDATE SET
         fingerprint = excluded.fingerprint, state = 'in_progress', claim_id = excluded.claim_id,
         lease_expires_ms = excluded.lease_expires_ms, created_ms = excluded.created_ms,
         status_code = NULL, body_json = NULL, completed_ms = NULL`,
    );
    this.completeStmt = this.db.prepare(
      `UPDATE idempotency_keys
          SET state = 'completed', status_code = @statusCode, body_json = @bodyJson,
              completed_ms = @nowMs
        WHERE scope = @scope AND key = @key AND claim_id = @claimId AND state = 'in_progress'`,
    );
    this.releaseStmt = this.db.prepare(
      `DELETE FROM idempotency_keys
        WHERE scope = @scope AND key = @key AND claim_id = @claimId AND state = 'in_progress'`,
    );

    const claim = (request: IdempotencyClaimRequest): IdempotencyClaim => {
      const nowMs = this.nowMs();
      const row = select.get(request.scope, request.key);
      if (row?.state === 'completed') {
        if (row.fingerprint !== request.fingerprint) return { outcome: 'mismatch' };
        return {
          outcome: 'replay',
          statusCode: row.status_code ?? 200,
          body: row.body_json === null ? undefined : JSON.parse(row.body_json),
        };
      }
      // An in-progress claim whose lease ran out belongs to a process that died
      // mid-request: it never answered, so the key is free again.
      if (row && row.lease_expires_ms > nowMs) {
        return row.fingerprint === request.fingerprint
          ? { outcome: 'in_progress' }
          : { outcome: 'mismatch' };
      }
      const claimId = randomUUID();
      upsertClaim.run({
        scope: request.scope,
        key: request.key,
        fingerprint: request.fingerprint,
        claimId,
        leaseExpiresMs: nowMs + request.leaseMs,
        nowMs,
      });
      return { outcome: 'claimed', claimId };
    };
    const tx = this.db.transaction(claim);
    // BEGIN IMMEDIATE: take the write lock before reading, so two processes
    // cannot both see "no row" and both claim.
    this.claimTx = (request) => tx.immediate(request);
  }

  async claim(request: IdempotencyClaimRequest): Promise<IdempotencyClaim> {
    return this.claimTx(request);
  }

  async complete(ref: IdempotencyKeyRef, response: StoredResponse): Promise<void> {
    this.completeStmt.run({
      ...ref,
      statusCode: response.statusCode,
      bodyJson: response.body === undefined ? null : JSON.stringify(response.body),
      nowMs: this.nowMs(),
    });
  }

  async release(ref: IdempotencyKeyRef): Promise<void> {
    this.releaseStmt.run(ref);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  onApplicationShutdown(): void {
    this.close();
  }
}
