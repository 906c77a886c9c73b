import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { auditEventIndexRow, auditRowMatches } from '@ledger/projections';
import { auditEventsOfStream } from './audit-events-of-stream';

const LONG = 'enterprise-long';
const TYPES = ['SeatsHeld', 'SeatsReleased', 'TrancheApproved'];

/** Counts the events the store was asked for, so a deep page can be held to its halving. */
function counting(store: EventStore): { store: EventStore; eventsRead: () => number } {
  let eventsRead = 0;
  const wrapped = Object.create(store) as EventStore;
  wrapped.readStream = async (stream, options) => {
    const events = await store.readStream(stream, options);
    eventsRead += events.length;
    return events;
  };
  return { store: wrapped, eventsRead: () => eventsRead };
}

describe('the audit log filtered by stream reads the stream itself (ADR 0020 §71)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let log: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-test-audit-stream-'));
    store = SqliteEventStore.open({ dataDir: dir, groupCommit: false });
    // 700 events on one stream, interleaved with two others so positions skip.
    for (let i = 0; i < 700; i++) {
      const at = new Date(Date.UTC(2023, 0, 1, 0, 0, i)).toISOString();
      const metadata = { actor: 'a', role: 'finance', businessDate: '2023-01-01', recordedAt: at };
      await store.append(
        LONG,
        [
          {
            type: TYPES[i % 3],
            data: { enterpriseId: i % 5 === 0 ? 'e-1' : 'e-2', i },
            metadata,
          },
        ],
        'any',
      );
      if (i % 4 === 0) {
        await store.append(`other-${i % 3}`, [{ type: 'SeatsHeld', data: { i }, metadata }], 'any');
      }
    }
    log = await store.readAll({ maxCount: 10_000 });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the index of every event (the read model before §71) answered. */
  const byIndex = (stream: string, q: Parameters<typeof auditEventsOfStream>[2]): RecordedEvent[] =>
    log
      .filter(
        (e) => e.position > q.after && auditRowMatches(auditEventIndexRow(e), { ...q, stream }),
      )
      .slice(0, q.limit);

  it.each([
    ['the first page', { after: 0, limit: 50 }],
    ['a page in the middle', { after: 400, limit: 50 }],
    ['a deep page of a long stream', { after: 800, limit: 10 }],
    ['a type on a deep page', { after: 500, limit: 30, type: 'SeatsReleased' }],
    [
      'an enterprise and a time window',
      {
        after: 0,
        limit: 500,
        enterpriseId: 'e-1',
        fromRecorded: '2023-01-01T00:03:00.000Z',
        toRecorded: '2023-01-01T00:09:00.000Z',
      },
    ],
    ['a filter nothing passes', { after: 0, limit: 20, type: 'NoSuchType' }],
    ['a position past the end', { after: 100_000, limit: 20 }],
  ])(
    'given a long stream, when %s is asked, then the events are those the index named',
    async (_, q) => {
      const got = await auditEventsOfStream(store, LONG, q);
      expect(got.map((e) => e.position)).toEqual(byIndex(LONG, q).map((e) => e.position));
    },
  );

  it('given a short stream or none, when asked, then its events or none', async () => {
    for (const stream of ['other-0', 'no-such-stream', '', '$all', '$ce-enterprise']) {
      const q = { after: 10, limit: 500 };
      const got = await auditEventsOfStream(store, stream, q);
      expect(got.map((e) => e.position)).toEqual(byIndex(stream, q).map((e) => e.position));
    }
  });

  it('given a page deep in a long stream, when it is read, then it reads ~log₂ n single events to find it, not the stream up to it', async () => {
    const c = counting(store);
    const after = log.filter((e) => e.stream === LONG)[650].position;
    const got = await auditEventsOfStream(c.store, LONG, { after, limit: 10 });
    expect(got).toHaveLength(10);
    // The first chunk (200), the last event, ≤ 10 halvings of 700 revisions, a
    // chunk from the revision found; reading on chunk by chunk would be 800.
    expect(c.eventsRead()).toBeLessThanOrEqual(200 + 1 + 10 + 200);
  });
});
