import {
  EventHandler,
  EventStore,
  EventToAppend,
  RecordedEvent,
  SubscribeOptions,
} from './event-store.port';
import { UpcastingEventStore } from './upcasting-event-store';

/** An in-memory store, enough to see what the decorator does to reads and appends. */
class ListStore implements EventStore {
  readonly events: RecordedEvent[] = [];
  appended: EventToAppend[] = [];
  async append(stream: string, events: EventToAppend[]) {
    this.appended.push(...events);
    for (const e of events) {
      this.events.push({
        eventId: `e${this.events.length + 1}`,
        type: e.type,
        stream,
        revision: this.events.filter((x) => x.stream === stream).length,
        position: this.events.length + 1,
        data: e.data,
        metadata: e.metadata,
      });
    }
    return { nextExpectedRevision: 0, position: this.events.length };
  }
  async readStream(stream: string) {
    return this.events.filter((e) => e.stream === stream);
  }
  async readAll() {
    return [...this.events];
  }
  subscribe(handler: EventHandler, _options?: SubscribeOptions) {
    for (const e of this.events) void handler(e);
    return { stop: async () => undefined };
  }
  async headPosition() {
    return this.events.length;
  }
  async close() {}
}

const meta = {
  actor: 'a',
  role: 'r',
  businessDate: '2023-01-01',
  recordedAt: '2023-01-01T00:00:00Z',
};
const upcast = (e: RecordedEvent): RecordedEvent =>
  e.type === 'Old' ? { ...e, data: { ...e.data, added: true } } : e;

describe('UpcastingEventStore', () => {
  it('given stored events of an old shape, when read in any way, then they come in the current shape and the metadata is untouched', async () => {
    const inner = new ListStore();
    const store = new UpcastingEventStore(inner, upcast);
    await store.append(
      's',
      [{ type: 'Old', data: { n: 1 }, metadata: { ...meta, hash: 'h' } }],
      'any',
    );
    await store.append('s', [{ type: 'New', data: { n: 2 }, metadata: meta }], 'any');
    expect(inner.appended.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]); // appends unchanged
    expect((await store.readStream('s')).map((e) => e.data)).toEqual([
      { n: 1, added: true },
      { n: 2 },
    ]);
    expect((await store.readAll()).map((e) => e.data)).toEqual([{ n: 1, added: true }, { n: 2 }]);
    const seen: RecordedEvent[] = [];
    await store.subscribe((e) => void seen.push(e)).stop();
    expect(seen.map((e) => e.data)).toEqual([{ n: 1, added: true }, { n: 2 }]);
    expect(seen[0].metadata.hash).toBe('h');
    expect(inner.events[0].data).toEqual({ n: 1 }); // what is stored stays as stored
    expect(await store.headPosition()).toBe(2);
  });
});
