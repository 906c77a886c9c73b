import type { ExpectedRevision, ReadStreamOptions } from './event-store.port';

/**
 * The checks of the port's arguments that every adapter makes the same way:
 * every input is bounded, and the bound is checked before any I/O, so a bad
 * call fails alike on SQLite and on EventStoreDB.
 */

/** The filter of `readAll` and `subscribe`. */
export interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

/** How long a filter may be, in entries. */
export interface EventFilterLimits {
  filterStreamPrefixesMax: number;
  filterEventTypesMax: number;
}

export const STREAM_NAME_LENGTH_MAX = 1_024;
export const EVENT_TYPE_LENGTH_MAX = 256;
export const EVENT_ID_LENGTH_MAX = 128;

export function assertStreamName(stream: string): void {
  assertText('stream', stream, STREAM_NAME_LENGTH_MAX);
}

export function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream') return;
  assertIntegerInRange('expected revision', expected, 0, Number.MAX_SAFE_INTEGER);
}

/** Whether a stream is read backwards; an unknown direction is refused. */
export function readsBackwards(direction: ReadStreamOptions['direction']): boolean {
  const backwards = (direction ?? 'forwards') === 'backwards';
  if (direction !== undefined && direction !== 'forwards' && !backwards) {
    throw new TypeError(`unknown direction ${String(direction)}`);
  }
  return backwards;
}

/** Empty filter lists are refused: "match nothing" and "match all" would both surprise. */
export function assertFilter(filter: EventFilter, limits: EventFilterLimits): void {
  assertList('streamPrefixes', filter.streamPrefixes, limits.filterStreamPrefixesMax);
  assertList('eventTypes', filter.eventTypes, limits.filterEventTypesMax);
  filter.streamPrefixes?.forEach((p, i) =>
    assertText(`streamPrefixes[${i}]`, p, STREAM_NAME_LENGTH_MAX),
  );
  filter.eventTypes?.forEach((t, i) => assertText(`eventTypes[${i}]`, t, EVENT_TYPE_LENGTH_MAX));
}

/** A copy, so a caller mutating its arrays later cannot change a running subscription. */
export function copyFilter(filter: EventFilter): EventFilter {
  return {
    streamPrefixes: filter.streamPrefixes && [...filter.streamPrefixes],
    eventTypes: filter.eventTypes && [...filter.eventTypes],
  };
}

function assertList(name: string, list: string[] | undefined, lengthMax: number): void {
  if (list === undefined) return;
  if (!Array.isArray(list) || list.length === 0 || list.length > lengthMax) {
    throw new RangeError(`${name} must be a list of 1..${lengthMax} strings when given`);
  }
}

export function assertText(name: string, value: unknown, lengthMax: number): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > lengthMax) {
    throw new RangeError(`${name} must be a string of 1..${lengthMax} chars`);
  }
}

export function assertIntegerInRange(name: string, value: unknown, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
}
