import { ConflictException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, sealEvents } from '@ledger/event-store/integrity/event-seal';
import { AppendScope, outsideAppendScope } from '@ledger/event-store/append-scope';
import { ConcurrencyError, EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { IdempotencyKeyRef, KEY_MISMATCH, KEY_UNANSWERED } from './idempotency.store';

export const IDEMPOTENCY_FENCE_STREAM_PREFIX = 'idempotency-';
export const IDEMPOTENCY_KEY_USED = 'IdempotencyKeyUsed';

/** One stream per key; the name is a hash, so no actor or key text is ever a stream name. */
export function fenceStreamOf(scope: string, key: string): string {
  const digest = createHash('sha256').update(`${scope.length}:${scope}:${key}`).digest('hex');
  return `${IDEMPOTENCY_FENCE_STREAM_PREFIX}${digest}`;
}

/**
 * Scale-out (ADR 0011): EventStoreDB has no transaction across streams, so the
 * key cannot commit with the command's events. Instead, right before the
 * command's first append is sent, `IdempotencyKeyUsed` is appended to the
 * key's own stream with expected revision "no stream": of two runs of one key
 * (a retry after a crash, on any replica) only one can write it, and the other
 * is refused before it has written anything. At most once, then: a command
 * that failed before its first append never wrote the fence and may be
 * retried; one that got as far as the fence is never run again, even if its
 * own append then failed (its outcome may be unknown), and its retry is told
 * so (409) rather than risk running twice.
 *
 * The event is sealed into the hash chain like any other, so `ledger verify`
 * checks it; the projector never reads these streams.
 */
export class EventStoreIdempotencyFence {
  constructor(private readonly clock: () => Date = () => new Date()) {}

  appendScope(ref: IdempotencyKeyRef, fingerprint: string): AppendScope {
    const stream = fenceStreamOf(ref.scope, ref.key);
    let fenced: Promise<void> | undefined;
    return {
      beforeAppend: (store) => {
        fenced ??= outsideAppendScope(() => this.fence(store, stream, fingerprint, ref.claimId));
        return fenced;
      },
    };
  }

  private async fence(
    store: EventStore,
    stream: string,
    fingerprint: string,
    claimId: string,
  ): Promise<void> {
    const [used] = await store.readStream(stream, { maxCount: 1 });
    if (used) throw refusal(used, fingerprint);
    const now = this.clock();
    const sealed = sealEvents(stream, 0, GENESIS_HASH, [
      {
        type: IDEMPOTENCY_KEY_USED,
        data: { fingerprint, claimId },
        metadata: {
          actor: 'system:idempotency',
          role: 'system',
          businessDate: now.toISOString().slice(0, 10),
          recordedAt: now.toISOString(),
        },
      },
    ]);
    try {
      await store.append(stream, sealed, 'no_stream');
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const [winner] = await store.readStream(stream, { maxCount: 1 });
      throw refusal(winner, fingerprint);
    }
  }
}

function refusal(used: RecordedEvent | undefined, fingerprint: string): ConflictException {
  return new ConflictException(
    used?.data.fingerprint === fingerprint ? KEY_UNANSWERED : KEY_MISMATCH,
  );
}
