import {
  ConcurrencyError,
  EventMetadata,
  EventStore,
  EventToAppend,
  RecordedEvent,
} from '@ledger/event-store/event-store.port';
import { nextPrevHash, sealEvents } from '@ledger/event-store/integrity/event-seal';
import { StreamFold } from './stream-decider';

export interface DomainEvent {
  type: string;
  data: object;
}

export interface StreamCommandResult<S, E> {
  state: S;
  appended: E[];
  /** Global position of the last event written, or undefined when nothing was written. */
  position: number | undefined;
  revision: number | 'no_stream';
}

/** Re-decide at most this many times on a conflict before giving up: a limit on everything. */
const MAX_ATTEMPTS = 200;

/** A stream as `loadStream` read it: its fold, revision and events. */
export type LoadedStream<S> = Awaited<ReturnType<typeof loadStream<S, never>>>;

export async function loadStream<S, E>(
  store: EventStore,
  stream: string,
  fold: StreamFold<S, E>,
): Promise<{ state: S; revision: number | 'no_stream'; events: RecordedEvent[] }> {
  const events = await store.readStream(stream);
  let state = fold.initial();
  for (const e of events) state = fold.evolve(state, { type: e.type, data: e.data } as E);
  const revision = events.length === 0 ? 'no_stream' : events[events.length - 1].revision;
  return { state, revision, events };
}

/**
 * The one way anything is written: read the stream, fold it, decide, append
 * with the expected revision. On a conflict another writer got there first,
 * so read again and decide again: the decision is then made on the state it
 * will really extend. A refusal (a thrown LedgerError) writes nothing.
 *
 * Tamper evidence (ADR 0007): the stream was just read, so its last event's
 * hash is known; every event appended carries its type's `schemaVersion`,
 * `prevHash` and its own `hash` in the metadata. The expected revision makes
 * the link hold: an append that lost a race is refused and re-sealed on the
 * state it really extends.
 */
export async function runOnStream<S, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  fold: StreamFold<S, E>,
  /** May read other streams (asynchronously) to decide: it runs again on every retry. */
  decide: (state: S) => E[] | Promise<E[]>,
  metadata: (event: E) => EventMetadata,
  /**
   * The stream as the caller just read it with the same fold: the first
   * attempt decides on it instead of reading again. Only an append is taken
   * from that decision, and the expected revision guards it (anything
   * appended since refuses it and the stream is read afresh); a refusal or
   * "nothing to write" is decided again on a fresh read, since no append
   * would catch that the state had moved.
   */
  readJustNow?: LoadedStream<S>,
): Promise<StreamCommandResult<S, E>> {
  let reuse = readJustNow;
  for (let attempt = 1; ; attempt++) {
    const loaded = reuse ?? (await loadStream(store, stream, fold));
    const events = await decideOnce(decide, loaded.state, reuse !== undefined);
    const decidedOnReuse = reuse !== undefined;
    reuse = undefined;
    if (events === undefined || (events.length === 0 && decidedOnReuse)) {
      attempt--; // not a conflict: the same attempt on a fresh read
      continue;
    }
    if (events.length === 0) {
      return { state: loaded.state, appended: [], position: undefined, revision: loaded.revision };
    }
    try {
      const result = await store.append(
        stream,
        sealedOn(stream, loaded, events, metadata),
        loaded.revision,
      );
      let state = loaded.state;
      for (const e of events) state = fold.evolve(state, e);
      return {
        state,
        appended: events,
        position: result.position,
        revision: result.nextExpectedRevision,
      };
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw err;
      await backoff(attempt);
    }
  }
}

/** `events` sealed (ADR 0007) as the next ones of the stream as it was read. */
export function sealedOn<E extends DomainEvent>(
  stream: string,
  loaded: { events: RecordedEvent[] },
  events: E[],
  metadata: (event: E) => EventMetadata,
): EventToAppend[] {
  const last = loaded.events[loaded.events.length - 1];
  return sealEvents(
    stream,
    last === undefined ? 0 : last.revision + 1,
    nextPrevHash(last),
    events.map((e) => ({
      type: e.type,
      data: e.data as Record<string, unknown>,
      metadata: metadata(e),
    })),
  );
}

/** undefined: the decision on a reused state refused; decide again on a fresh one. */
async function decideOnce<S, E>(
  decide: (state: S) => E[] | Promise<E[]>,
  state: S,
  reused: boolean,
): Promise<E[] | undefined> {
  if (!reused) return decide(state);
  try {
    return await decide(state);
  } catch {
    return undefined;
  }
}

function backoff(attempt: number): Promise<void> {
  // Jitter spreads writers from several processes apart after a collision.
  const ms = Math.min(50, attempt) * Math.random();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The larger of two optional positions. */
export function laterPosition(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
