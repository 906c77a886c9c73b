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

/** 1 at the char codes of `0-9a-f`: verification asks twice an event, and a regex cost ~2.5x as much (ADR 0020 §107). */
const LOWER_HEX = new Uint8Array(128);
for (const c of '0123456789abcdef') LOWER_HEX[c.charCodeAt(0)] = 1;

/** The fields of an event the hash covers. */
export interface HashableEvent {
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/** A SHA-256 in lower-case hex: 64 characters of `0-9a-f`. */
export function isHashHex(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const code = value.charCodeAt(i);
    if (code > 127 || LOWER_HEX[code] === 0) return false;
  }
  return true;
}

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
 * The texts the store keeps for a sealed event (ADR 0020 §104): `data` is its
 * canonical JSON, `metadata` the canonical JSON of the metadata without
 * `hash`, with `hash` added as its last member. Both are what the hash input
 * holds, so a verifier can hash the stored texts as they are
 * (`storedTextsMatchHash`) instead of parsing and serialising them again.
 */
export interface StoredEventTexts {
  data: string;
  metadata: string;
}

/**
 * The texts each event `sealEvents` made is to be stored as, on that object
 * (not enumerable: a copy, a spread or JSON does not carry them). A property,
 * not a WeakMap: a long-lived WeakMap of young events kept their texts alive
 * through young-generation collections (ADR 0020 §104).
 */
const SEALED_TEXTS = Symbol('sealedTexts');

interface SealedTexts {
  texts: StoredEventTexts;
  dataOf: object;
  metadataOf: object;
}

/**
 * The hash input of an event from the canonical texts of its data and of its
 * metadata without `hash`: the same bytes `eventHashInput` makes from the
 * values (the members in their canonical order).
 */
export function hashInputFromTexts(
  stream: string,
  revision: number,
  type: string,
  schemaVersion: number,
  dataJson: string,
  metadataJson: string,
): string {
  return `{"data":${dataJson},"metadata":${metadataJson},"revision":${revision},"schemaVersion":${schemaVersion},"stream":${canonicalJson(stream)},"type":${canonicalJson(type)}}`;
}

/** The stored metadata text: the canonical one without `hash`, then `hash` last. */
function withHashLast(metadataJson: string, hash: string): string {
  return metadataJson === '{}'
    ? `{"hash":"${hash}"}`
    : `${metadataJson.slice(0, -1)},"hash":"${hash}"}`;
}

/**
 * The texts to store for an event about to be appended: those `sealEvents`
 * made for it, else (a sealed event from elsewhere) the same form built from
 * its values; undefined for an event without a hash (stored as
 * `JSON.stringify` writes it).
 */
export function storedEventTexts(event: EventToAppend): StoredEventTexts | undefined {
  const sealed = (event as { [SEALED_TEXTS]?: SealedTexts })[SEALED_TEXTS];
  if (sealed && sealed.dataOf === event.data && sealed.metadataOf === event.metadata) {
    return sealed.texts;
  }
  const { hash, ...metadata } = event.metadata;
  if (!isHashHex(hash)) return undefined;
  return { data: canonicalJson(event.data), metadata: withHashLast(canonicalJson(metadata), hash) };
}

/**
 * Whether the event's stored texts hash, as they are, to `hash` (its
 * `metadata.hash` as parsed). When they do, its hash is `hash`: SHA-256 over
 * these bytes equal to the sealed hash means they are the sealed input, so
 * each text is the canonical form of what it parses to, and
 * `computeEventHash` of the parsed event makes the same input. When they do
 * not (texts stored in another form, or changed), the caller computes the
 * hash from the values.
 */
export function storedTextsMatchHash(
  event: Pick<HashableEvent, 'stream' | 'revision' | 'type' | 'metadata'>,
  texts: StoredEventTexts,
  hash: unknown,
): boolean {
  if (!isHashHex(hash)) return false;
  const { stream, revision, type } = event;
  if (typeof stream !== 'string' || typeof type !== 'string' || !Number.isSafeInteger(revision)) {
    return false;
  }
  const suffix = `"hash":"${hash}"}`;
  const metadataText = texts.metadata;
  if (!metadataText.endsWith(suffix)) return false;
  const before = metadataText.length - suffix.length;
  let metadataJson: string;
  if (before === 1 && metadataText[0] === '{') metadataJson = '{}';
  else if (before > 1 && metadataText[before - 1] === ',') {
    metadataJson = `${metadataText.slice(0, before - 1)}}`;
  } else return false;
  const input = hashInputFromTexts(
    stream,
    revision,
    type,
    storedEventVersion(event.metadata),
    texts.data,
    metadataJson,
  );
  return sha256Hex(input) === hash;
}

/**
 * Stamps `schemaVersion`, `prevHash` and `hash` on events about to be
 * appended to `stream` at `startRevision` (the revision the first one will
 * get), after an event whose hash is `prevHash`. Returns new objects, each
 * with the texts the store is to keep for it (`storedEventTexts`).
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
    const dataJson = canonicalJson(event.data);
    const metadataJson = canonicalJson(metadata);
    const hash = sha256Hex(
      hashInputFromTexts(
        stream,
        startRevision + index,
        event.type,
        storedEventVersion(metadata),
        dataJson,
        metadataJson,
      ),
    );
    previous = hash;
    const sealed = { ...event, metadata: { ...metadata, hash } };
    const texts: SealedTexts = {
      texts: { data: dataJson, metadata: withHashLast(metadataJson, hash) },
      dataOf: sealed.data,
      metadataOf: sealed.metadata,
    };
    Object.defineProperty(sealed, SEALED_TEXTS, { value: texts });
    return sealed;
  });
}

/** The `prevHash` for the next append to a stream whose last event is `last` (none: genesis). */
export function nextPrevHash(last: RecordedEvent | undefined): string {
  return last === undefined ? GENESIS_HASH : linkHashOf(last);
}
