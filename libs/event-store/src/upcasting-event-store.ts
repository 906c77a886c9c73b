import {
  AppendResult,
  EventHandler,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from './event-store.port';

/**
 * Turns one stored event into the current shape of its type: returns the
 * event itself when nothing changes, else a copy with new `data`. Never
 * changes the metadata, so `hash`, `prevHash` and `schemaVersion` still say
 * what is stored.
 */
export type UpcastEvent = (event: RecordedEvent) => RecordedEvent;

/**
 * Schema evolution on read (ADR 0007): a decorator around any adapter that
 * hands every event it reads (readStream, readAll, subscribe) through the
 * upcasters, so deciders and projections see only current shapes, whatever
 * version was stored. Appends go through unchanged: new events are written in
 * the current shape. The upcast function comes from outside (the domain's
 * `upcastEventData`, wired by `withUpcasting` in libs/application), so this
 * library keeps depending on nothing but the port.
 */
export class UpcastingEventStore implements EventStore {
  /** The inner store's, when it has one: appends go through unchanged. */
  readonly appendAll?: (parts: StreamAppend[]) => Promise<AppendResult[]>;

  constructor(
    readonly inner: EventStore,
    private readonly upcast: UpcastEvent,
  ) {
    if (inner.appendAll) this.appendAll = (parts) => inner.appendAll!(parts);
  }

  append(
    stream: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.inner.append(stream, events, expected);
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(stream, options)).map(this.upcast);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map(this.upcast);
  }

  subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription {
    return this.inner.subscribe((event) => handler(this.upcast(event)), options);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
