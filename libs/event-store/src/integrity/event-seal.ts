import { hash } from 'node:crypto';
import { currentEventVersion, storedEventVersion } from '@ledger/domain/upcasting/event-versions';
import type { EventMetadata, EventToAppend, RecordedEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/**
 * The per-stream hash chain (ADR 0007). Each event stores, in its metadata,
 * `prevHash` (the hash of its stream's previous event; GENESIS_HASH at
 * revision 0) and `hash`:
 *
 *     hash = hex(SHA-256(UTF-8(canonicalJson({
 *       stream, revision, type, schemaVersion, data, metadata: metadata minus `hash`
 *     }))))
 *
 * so a changed amount, a changed actor or date, a removed or reordered event
 * of a stream no longer links up. The global position is not in it (the store
 * assigns it after the hash is made); the order of the global log is covered
 * by the running log root of the checkpoints (libs/audit/src/log-root.ts).
 *
 * It lives with the store, below the application, because the write path
 * (`runOnStream` in libs/application) seals every append; libs/audit only
 * recomputes the same hashes to verify them. Imports only the domain's version
 * table and the port's types.
 */

/** `prevHash` of the first event of a stream. */
export const GENESIS_HASH = '0'.repeat(64);

const HEX_64 = /^[0-9a-f]{64}$/;

/** The fields of an event the hash covers. */
export interface HashableEvent {
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export const isHashHex = (value: unknown): value is string =>
  typeof value === 'string' && HEX_64.test(value);

/** The canonical text that is hashed (exported for tests and for auditors re-implementing it). */
export function eventHashInput(event: HashableEvent): string {
  // Copied without `hash` by a rest pattern (the members a spread copies, a
  // `__proto__` key included), not spread and `delete`d: a deleted property
  // turns the copy into a slow dictionary object (ADR 0020 §70).
  const { hash: _hash, ...metadata } = event.metadata;
  return canonicalJson({
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    schemaVersion: storedEventVersion(event.metadata),
    data: event.data,
    metadata,
  });
}

/**
 * The one-shot `crypto.hash` (UTF-8, as `update(text, 'utf8')`): 7-8× cheaper
 * than a Hash object per event for texts of ~1 KB (ADR 0020 §65).
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** The hash the event's content has now (whatever `metadata.hash` says). */
export function computeEventHash(event: HashableEvent): string {
  return sha256Hex(eventHashInput(event));
}

/**
 * The hash the next event of the stream links to: the stored one when present
 * (an event written with the chain), else the one computed over the event as
 * stored (an event written before the chain existed).
 */
export function linkHashOf(event: HashableEvent): string {
  const stored = event.metadata.hash;
  return isHashHex(stored) ? stored : computeEventHash(event);
}

/**
 * Stamps `schemaVersion`, `prevHash` and `hash` on events about to be
 * appended to `stream` at `startRevision` (the revision the first one will
 * get), after an event whose hash is `prevHash`. Returns new objects.
 */
export function sealEvents(
  stream: string,
  startRevision: number,
  prevHash: string,
  events: readonly EventToAppend[],
): EventToAppend[] {
  let previous = prevHash;
  return events.map((event, index) => {
    const metadata: EventMetadata = {
      ...event.metadata,
      schemaVersion: event.metadata.schemaVersion ?? currentEventVersion(event.type),
      prevHash: previous,
    };
    delete metadata.hash;
    const hash = computeEventHash({
      stream,
      revision: startRevision + index,
      type: event.type,
      data: event.data,
      metadata,
    });
    previous = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

/** The `prevHash` for the next append to a stream whose last event is `last` (none: genesis). */
export function nextPrevHash(last: RecordedEvent | undefined): string {
  return last === undefined ? GENESIS_HASH : linkHashOf(last);
}
