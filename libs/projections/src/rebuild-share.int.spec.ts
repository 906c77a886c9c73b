import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LEDGER_PROJECTIONS } from './projections';
import { dumpSqliteReadModels, rebuildSqliteReadModels } from './rebuild';
import * as share from './rebuild-share.thread';
import { workListHistory } from './testing/work-list-history.fixture';
import { seatSubsidyStory } from './testing/seat-subsidy.story';

jest.mock('./rebuild-share.thread', () => {
  const actual = jest.requireActual<typeof share>('./rebuild-share.thread');
  return { ...actual, startRebuildShare: jest.fn(actual.startRebuildShare) };
});

/**
 * Issue #16: `ledger rebuild` replays some projections on a second thread,
 * on its own connection to the same file; the rows must be those of the
 * one-thread rebuild.
 */
jest.setTimeout(60_000);

/** Seat applications (the shared view) and every event's audit row (shared), person caps (not). */
function history(): RecordedEvent[] {
  const events: RecordedEvent[] = [
    ...workListHistory({ enterprises: 6, applicationsPerEnterprise: 2, schools: 2 }),
  ];
  let position = events.length;
  for (const step of seatSubsidyStory()) {
    events.push({
      eventId: `story-${position + 1}`,
      type: step.event.type,
      stream: step.stream,
      revision: 0,
      position: ++position,
      data: step.event.data as Record<string, unknown>,
      metadata: step.metadata,
    });
  }
  return events;
}

describe('rebuildSqliteReadModels on two threads', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-test-rebuild-share-'));
    jest.mocked(share.startRebuildShare).mockClear();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a history in pages, when rebuilt on two threads, then every row is the one-thread rebuild’s', async () => {
    const events = history();
    const readAll = (after: number, max: number) =>
      events.filter((e) => e.position > after).slice(0, max);
    const one = new Database(join(dir, 'one.sqlite'));
    const two = new Database(join(dir, 'two.sqlite'));
    two.pragma('journal_mode = WAL');
    try {
      await rebuildSqliteReadModels(one, readAll);
      expect(share.startRebuildShare).not.toHaveBeenCalled();
      const result = await rebuildSqliteReadModels(two, readAll, LEDGER_PROJECTIONS, undefined, {
        threads: 2,
      });
      expect(share.startRebuildShare).toHaveBeenCalledTimes(1);
      expect(result).toEqual({ events: events.length, position: events.length });
      const dump = dumpSqliteReadModels(two);
      expect(dump['audit_event_index']).toHaveLength(events.length);
      expect(dump['person_cap_entries'].length).toBeGreaterThan(0);
      expect(dump).toEqual(dumpSqliteReadModels(one));
    } finally {
      one.close();
      two.close();
    }
  });

  it('given a database in memory, when two threads are asked for, then one replays everything', async () => {
    const events = history();
    const db = new Database(':memory:');
    try {
      await rebuildSqliteReadModels(
        db,
        (after, max) => events.filter((e) => e.position > after).slice(0, max),
        LEDGER_PROJECTIONS,
        undefined,
        { threads: 2 },
      );
      expect(share.startRebuildShare).not.toHaveBeenCalled();
      expect(dumpSqliteReadModels(db)['audit_event_index']).toHaveLength(events.length);
    } finally {
      db.close();
    }
  });
});
