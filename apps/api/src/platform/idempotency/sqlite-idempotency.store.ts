import { ConflictException, OnApplicationShutdown } from '@nestjs/common';
import {
  createPrivateDatabaseFile,
  restrictSqliteSidecars,
} from '@ledger/event-store/sqlite/private-files';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { AppendScope } from '@ledger/event-store/append-scope';
import { processIsGone } from '@ledger/event-store/sqlite/local-process';
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

/**
 * Added by issue #12 (ADR 0011). `committed_position`: the position of the
 * first event the claim's command committed, written in that event's own
 * transaction; not null means the command wrote, so the key never runs again.
 * `owner`: `<pid>:<instance>` of the process holding the claim, so a claim of
 * a process known to be dead need not wait for its lease.
 */
const ADDED_COLUMNS: Record<string, string> = {
  committed_position: 'INTEGER',
  owner: 'TEXT',
};

/** Message of the 409 when a claim was taken over while its command still ran. */
export const KEY_TAKEN_OVER =
  'Idempotency-Key was taken over by a retry after this request outlasted its lease; nothing of it was written';

interface Row {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  lease_expires_ms: number;
  status_code: number | null;
  body_json: string | null;
  committed_position: number | null;
  owner: string | null;
}

/** Instances of this store open in this process: a claim of any other `<our pid>:…` is dead. */
const liveInstances = new Set<string>();

/**
 * Whether the process that holds a claim is known to be gone. WAL mode needs
 * every process on one file to share memory, hence one host and one PID
 * space. A PID that is alive may have been reused by another program: then
 * the lease decides, as it does for rows written before owners were kept.
 */
export function claimOwnerIsGone(owner: string | null): boolean {
  if (owner === null || liveInstances.has(owner)) return false;
  const pid = Number(owner.split(':')[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  return processIsGone(pid);
}

/** The statements the append scope runs on the event store's connection, made once per connection. */
const commitStatements = new WeakMap<
  Database.Database,
  { select: Database.Statement; mark: Database.Statement }
>();

function commitStatementsOf(db: Database.Database) {
  let statements = commitStatements.get(db);
  if (statements === undefined) {
    statements = {
      select: db.prepare(
        'SELECT claim_id, committed_position FROM idempotency_keys WHERE scope = ? AND key = ?',
      ),
      mark: db.prepare(
        'UPDATE idempotency_keys SET committed_position = ? WHERE scope = ? AND key = ?',
      ),
    };
    commitStatements.set(db, statements);
  }
  return statements;
}

/**
 * Keys in the embedded SQLite file, beside the events (`ledger.sqlite`). Claims,
 * answers and releases run on a connection of their own; the mark that a
 * claim's command wrote runs on the event store's connection, inside the
 * transaction of the command's appends (`appendScope`), so the key and the
 * events commit together or not at all (ADR 0011). WAL lets the connections
 * read concurrently and `busy_timeout` queues the writers.
 */
export class SqliteIdempotencyStore implements IdempotencyStore, OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly claimTx: (request: IdempotencyClaimRequest) => IdempotencyClaim;
  private readonly completeStmt: Database.Statement;
  private readonly releaseStmt: Database.Statement;
  private readonly owner = `${process.pid}:${randomUUID()}`;

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
    this.migrate();
    liveInstances.add(this.owner);

    const select = this.db.prepare<[string, string], Row>(
      `SELECT fingerprint, state, lease_expires_ms, status_code, body_json, committed_position, owner
         FROM idempotency_keys WHERE scope = ? AND key = ?`,
    );
    const upsertClaim = this.db.prepare(
      `INSERT INTO idempotency_keys
         (scope, key, fingerprint, state, claim_id, lease_expires_ms, created_ms, owner)
       VALUES (@scope, @key, @fingerprint, 'in_progress', @claimId, @leaseExpiresMs, @nowMs, @owner)
       ON CONFLICT (scope, key) DO UPDATE SET
         fingerprint = excluded.fingerprint, state = 'in_progress', claim_id = excluded.claim_id,
         lease_expires_ms = excluded.lease_expires_ms, created_ms = excluded.created_ms,
         owner = excluded.owner, committed_position = NULL,
         status_code = NULL, body_json = NULL, completed_ms = NULL`,
    );
    this.completeStmt = this.db.prepare(
      `UPDATE idempotency_keys
          SET state = 'completed', status_code = @statusCode, body_json = @bodyJson,
              completed_ms = @nowMs
        WHERE scope = @scope AND key = @key AND claim_id = @claimId AND state = 'in_progress'`,
    );
    // A claim whose command wrote something is never freed: it stays `unanswered`.
    this.releaseStmt = this.db.prepare(
      `DELETE FROM idempotency_keys
        WHERE scope = @scope AND key = @key AND claim_id = @claimId AND state = 'in_progress'
          AND committed_position IS NULL`,
    );

    const claim = (request: IdempotencyClaimRequest): IdempotencyClaim => {
      const nowMs = this.nowMs();
      const row = select.get(request.scope, request.key);
      const sameRequest = row?.fingerprint === request.fingerprint;
      if (row?.state === 'completed') {
        if (!sameRequest) return { outcome: 'mismatch' };
        return {
          outcome: 'replay',
          statusCode: row.status_code ?? 200,
          body: row.body_json === null ? undefined : JSON.parse(row.body_json),
        };
      }
      if (row) {
        const alive = row.lease_expires_ms > nowMs && !claimOwnerIsGone(row.owner);
        const wrote = row.committed_position !== null;
        if (!sameRequest && (alive || wrote)) return { outcome: 'mismatch' };
        if (sameRequest && alive) return { outcome: 'in_progress' };
        // Its process died after the command wrote: running it again would do it twice.
        if (wrote) return { outcome: 'unanswered' };
        // Its process died before the command wrote anything: the key is free again.
      }
      const claimId = randomUUID();
      upsertClaim.run({
        scope: request.scope,
        key: request.key,
        fingerprint: request.fingerprint,
        claimId,
        leaseExpiresMs: nowMs + request.leaseMs,
        nowMs,
        owner: this.owner,
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

  /**
   * Marks, in the transaction of each of the command's appends, that the claim
   * wrote. A claim taken over meanwhile (this request outlasted its lease)
   * refuses the append instead: its retry owns the key now.
   */
  appendScope(ref: IdempotencyKeyRef): AppendScope {
    return {
      inSqliteTransaction: (db, recorded) => {
        const statements = commitStatementsOf(db);
        const row = statements.select.get(ref.scope, ref.key) as
          { claim_id: string; committed_position: number | null } | undefined;
        if (row?.claim_id !== ref.claimId) throw new ConflictException(KEY_TAKEN_OVER);
        if (row.committed_position === null) {
          statements.mark.run(recorded[0].position, ref.scope, ref.key);
        }
      },
    };
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
    liveInstances.delete(this.owner);
    if (this.db.open) this.db.close();
  }

  onApplicationShutdown(): void {
    this.close();
  }

  /** Creates the table, or adds the columns of issue #12 to one made before; once, under the write lock. */
  private migrate(): void {
    this.db
      .transaction(() => {
        this.db.exec(SCHEMA);
        const columns = new Set(
          (this.db.pragma('table_info(idempotency_keys)') as { name: string }[]).map((c) => c.name),
        );
        for (const [name, type] of Object.entries(ADDED_COLUMNS)) {
          if (!columns.has(name)) {
            this.db.exec(`ALTER TABLE idempotency_keys ADD COLUMN ${name} ${type}`);
          }
        }
      })
      .immediate();
  }
}
