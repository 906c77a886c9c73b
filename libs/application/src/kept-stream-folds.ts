import type { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { LoadedStream, loadStream } from './stream-command';
import { StreamFold } from './stream-decider';

interface Kept<S> {
  revision: number;
  /** Owned here: handed out only as a copy (the domain's evolve functions extend maps in place). */
  state: S;
  last: RecordedEvent;
}

/**
 * Folds of long streams kept between commands in this process (ADR 0020
 * §24): a programme-year's budget stream gets two events per approval, and
 * every approval read it whole twice, so an approval cost more the later in
 * the year it came. A load reads the stream from the kept revision on: the
 * event there must be the one kept (else the stream is read whole, as
 * before), and only the events after it are folded. What a load returns is a
 * first try for `runOnStream` (`readJustNow`): the append still expects the
 * revision it was decided on, so anything another process wrote in between
 * refuses it and the stream is read afresh.
 */
export class KeptStreamFolds<S, E> {
  private readonly kept = new Map<string, Kept<S>>();

  constructor(
    private readonly fold: StreamFold<S, E>,
    private readonly copy: (state: S) => S,
    /** Streams kept at most; the least recently loaded goes first. */
    private readonly streamsMax = 64,
  ) {}

  async load(store: EventStore, stream: string): Promise<LoadedStream<S>> {
    const entry = this.kept.get(stream);
    if (entry) {
      const { revision: from, last } = entry;
      const tail = await store.readStream(stream, { fromRevision: from });
      // Another load of this stream may have moved the entry on while this one read.
      const now = this.kept.get(stream);
      if (now && tail[0]?.eventId === last.eventId && tail[0].revision === from) {
        for (const e of tail) {
          if (e.revision <= now.revision) continue;
          now.state = this.fold.evolve(now.state, { type: e.type, data: e.data } as E);
          now.last = e;
          now.revision = e.revision;
        }
        this.touch(stream, now);
        return { state: this.copy(now.state), revision: now.revision, events: [now.last] };
      }
      this.kept.delete(stream);
    }
    const loaded = await loadStream(store, stream, this.fold);
    const lastEvent = loaded.events[loaded.events.length - 1];
    if (lastEvent !== undefined) {
      const current = this.kept.get(stream);
      if (!current || current.revision < lastEvent.revision) {
        this.touch(stream, {
          revision: lastEvent.revision,
          state: this.copy(loaded.state),
          last: lastEvent,
        });
      }
    }
    return loaded;
  }

  private touch(stream: string, entry: Kept<S>): void {
    this.kept.delete(stream);
    this.kept.set(stream, entry);
    if (this.kept.size > this.streamsMax) {
      this.kept.delete(this.kept.keys().next().value as string);
    }
  }
}
