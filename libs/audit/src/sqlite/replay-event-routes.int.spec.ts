import * as fs from 'node:fs';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { EVENT_TYPE_PROBE_EVENTS } from '@ledger/projections/event-type-routes';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import type { Projection } from '@ledger/projections/read-model';
import { addSeatHistory, tempDir } from '../../test-support/ledger-dir';
import { ProblemLog } from '../audit-problem';
import { upcastRecorded } from '../verify-log';
import { compareSqliteReadModels, SqliteReadModelReplay } from './sqlite-read-model-check';

/**
 * ADR 0020 §106: verification's replay asks each projection only about the
 * event types it declares, and still matches the live read models, which
 * asked every projection about every event.
 */
jest.setTimeout(120_000);

let template: string;
let events: RecordedEvent[];
const dirs: string[] = [];

beforeAll(async () => {
  template = tempDir('replay-routes');
  // 96 claims: the reservations and the months claimed outrun their probes.
  await addSeatHistory(template, 0, 12, { claimsPerApplication: 8, secondTranche: false });
  const store = SqliteEventStore.open({ dataDir: template, groupCommit: false });
  try {
    events = (await store.readAll({ afterPosition: 0, maxCount: 100_000 })).map(upcastRecorded);
  } finally {
    await store.close();
  }
});
afterAll(() => {
  for (const d of [template, ...dirs]) fs.rmSync(d, { recursive: true, force: true });
});

/** A projection that counts the events it is asked about. */
function counted(
  p: Projection,
  eventTypes = p.eventTypes,
): { projection: Projection; asked: () => number } {
  let asked = 0;
  const projection: Projection =
    p.kind === 'journal'
      ? { ...p, eventTypes, project: (e) => (asked++, p.project(e)) }
      : { ...p, eventTypes, documentIds: (e) => (asked++, p.documentIds(e)) };
  return { projection, asked: () => asked };
}

/** Verification's replay of the template's log with these projections, compared with its live read models. */
async function replayAndCompare(projections: readonly Projection[]) {
  const store = SqliteEventStore.open({ dataDir: template, groupCommit: false });
  const work = tempDir('replay-routes-work');
  dirs.push(work);
  const problems = new ProblemLog(10);
  store.database.exec('BEGIN');
  const replay = SqliteReadModelReplay.open(work, projections, { db: store.database, problems });
  try {
    for (let i = 0; i < events.length; i += 100) replay.apply(events.slice(i, i + 100));
    const comparison = await compareSqliteReadModels(store.database, replay, problems, {
      readOnThread: false,
    });
    return { comparison, problems: problems.list(), undeclared: replay.routes.undeclared };
  } finally {
    replay.close();
    store.database.exec('ROLLBACK');
    await store.close();
  }
}

/** What a projection declaring `types` is asked about: those, and the probes of the rest. */
function expectedAsks(types: ReadonlySet<string>): number {
  const seen = new Map<string, number>();
  let asks = 0;
  for (const e of events) {
    const n = (seen.get(e.type) ?? 0) + 1;
    seen.set(e.type, n);
    if (types.has(e.type) || n <= EVENT_TYPE_PROBE_EVENTS) asks += 1;
  }
  return asks;
}

describe("verification's replay routed by event type", () => {
  it('given the ledger read models, when the replay asks each only about its types, then it matches the live ones and asks less', async () => {
    const all = LEDGER_PROJECTIONS.map((p) => counted(p));

    const { comparison, problems, undeclared } = await replayAndCompare(
      all.map((c) => c.projection),
    );

    expect(problems).toEqual([]);
    expect(comparison.differences).toBe(0);
    expect(comparison.rowsCompared).toBeGreaterThan(events.length);
    expect(undeclared).toEqual([]);
    for (const [i, p] of LEDGER_PROJECTIONS.entries()) {
      const asked = all[i].asked();
      if (p.eventTypes === 'every') expect(asked).toBe(events.length);
      else
        expect({ name: p.name, asked }).toEqual({
          name: p.name,
          asked: expectedAsks(new Set(p.eventTypes)),
        });
    }
    // Past the probes, the reservations' read model skips the months claimed.
    const personCap = all[LEDGER_PROJECTIONS.findIndex((p) => p.name === 'person-cap')].asked();
    expect(personCap).toBeLessThan(events.length - 20);
  });

  it('given a read model whose declaration leaves out a type it reads, when the replay meets the type, then it is asked all the same, matches, and is listed', async () => {
    const narrow = LEDGER_PROJECTIONS.map((p) =>
      p.name === 'person-cap' ? counted(p, ['CapReleased']).projection : p,
    );

    const { comparison, problems, undeclared } = await replayAndCompare(narrow);

    expect(problems).toEqual([]);
    expect(comparison.differences).toBe(0);
    const firstReservation = events.find((e) => e.type === 'CapReserved')!.position;
    expect(undeclared).toEqual([
      { projection: 'person-cap', type: 'CapReserved', position: firstReservation },
    ]);
  });
});
