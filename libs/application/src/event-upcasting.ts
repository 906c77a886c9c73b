import { upcastEventData } from '@ledger/domain';
import { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { UpcastingEventStore } from '@ledger/event-store/upcasting-event-store';

/** A stored event in the current shape of its type (ADR 0007); the same object when already current. */
export function upcastRecordedEvent(event: RecordedEvent): RecordedEvent {
  const data = upcastEventData(event);
  return data === event.data ? event : { ...event, data };
}

/**
 * Wraps any adapter so that everything read from it (readStream, readAll,
 * subscribe) comes in the current shape of its type, whatever version was
 * stored. What the API, the CLI and the projector wrap around their store:
 *
 *     const store = withUpcasting(SqliteEventStore.open({ dataDir }));
 *
 * Already wrapped stores are returned as they are.
 */
export function withUpcasting(store: EventStore): EventStore {
  if (store instanceof UpcastingEventStore) return store;
  return new UpcastingEventStore(store, upcastRecordedEvent);
}
