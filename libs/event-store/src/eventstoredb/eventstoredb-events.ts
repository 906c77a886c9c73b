import { createHash, randomUUID } from 'node:crypto';
import {
  AllStreamResolvedEvent,
  EventData,
  jsonEvent,
  Position,
  ResolvedEvent,
} from '@eventstore/db-client';
import { EventMetadata, EventToAppend, RecordedEvent } from '../event-store.port';
import {
  assertText,
  EVENT_ID_LENGTH_MAX,
  EVENT_TYPE_LENGTH_MAX,
  EventFilter,
} from '../event-store-arguments';

/**
 * Our events as EventStoreDB holds them, and back (the mapping is described
 * on EventStoreDbEventStore): ids, positions, system events, filters.
 */

export type AnyResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Namespace of the UUID v5 ids made from non-UUID event ids (fixed forever). */
const EVENT_ID_NAMESPACE = '5b0e6f7e-3c1a-4e8b-9d2f-6a4c8e1b7d30';

/** Exact, explicit bigint → number; refuses what a double cannot hold exactly. */
export function bigintToSafeNumber(value: bigint, what: string): number {
  if (typeof value !== 'bigint') throw new TypeError(`${what} must be a bigint`);
  if (value < 0n || value > SAFE_MAX) {
    throw new RangeError(`${what} ${value.toString()} is outside 0..${SAFE_MAX.toString()}`);
  }
  return Number(value);
}

export function positionOf(commit: bigint): Position {
  return { commit, prepare: commit };
}

export function commitOf(resolved: AnyResolvedEvent): bigint | undefined {
  return (
    resolved.event?.position?.commit ?? resolved.link?.position?.commit ?? resolved.commitPosition
  );
}

export function isSystemEvent(stream: string, type: string): boolean {
  return stream.startsWith('$') || type.startsWith('$');
}

/** The port's event, or undefined for a system event (invisible through the port). */
export function toRecordedEvent(resolved: AnyResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || isSystemEvent(e.streamId, e.type)) return undefined;
  if (!e.isJson || !isPlainObject(e.data) || !isPlainObject(e.metadata)) {
    throw new TypeError(
      `event ${e.id} in ${e.streamId} is not a ledger event (JSON object data and metadata)`,
    );
  }
  if (e.position === undefined) throw new Error(`event ${e.id} in ${e.streamId} has no position`);
  const { eventId, ...metadata } = e.metadata as Record<string, unknown>;
  return {
    eventId: typeof eventId === 'string' ? eventId : e.id,
    type: e.type,
    stream: e.streamId,
    revision: bigintToSafeNumber(e.revision, 'revision'),
    position: bigintToSafeNumber(e.position.commit, 'commit position'),
    data: e.data as Record<string, unknown>,
    metadata: metadata as unknown as EventMetadata,
  };
}

/** The event to propose, its id fixed here once so that every retry proposes the same. */
export function toEventData(event: EventToAppend, index: number): EventData {
  assertText(`events[${index}].type`, event.type, EVENT_TYPE_LENGTH_MAX);
  if (event.type.startsWith('$'))
    throw new RangeError(`events[${index}].type must not start with $`);
  if (event.eventId !== undefined) {
    assertText(`events[${index}].eventId`, event.eventId, EVENT_ID_LENGTH_MAX);
  }
  if (!isPlainObject(event.data)) throw new TypeError(`events[${index}].data must be an object`);
  if (!isPlainObject(event.metadata)) {
    throw new TypeError(`events[${index}].metadata must be an object`);
  }
  const eventId = event.eventId ?? randomUUID();
  return jsonEvent({
    id: esdbEventId(eventId),
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, eventId },
  });
}

/** The EventStoreDB id for one of ours: itself when a UUID, else a UUID v5 of it (deterministic). */
export function esdbEventId(eventId: string): string {
  if (UUID_PATTERN.test(eventId)) return eventId.toLowerCase();
  const namespace = Buffer.from(EVENT_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(eventId, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A server-side event type filter that matches exactly these types. */
export function exactMatchRegex(values: string[]): string {
  return `^(?:${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
}

export function matchesFilter(event: RecordedEvent, filter: EventFilter): boolean {
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) {
    return false;
  }
  return !filter.eventTypes || filter.eventTypes.includes(event.type);
}

function isPlainObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
