import * as fs from 'node:fs';
import type { EventToAppend, RecordedEvent } from '@ledger/event-store/event-store.port';
import { GENESIS_HASH, sealEvents } from '@ledger/event-store/integrity/event-seal';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { DEFAULT_POLICY_TABLE } from '@ledger/domain/policy/policy-table';
import {
  addSeatHistory,
  copyLedgerDir,
  deleteEventsBehindTheStore,
  openLedgerFile,
  tempDir,
} from '../test-support/ledger-dir';
import { ProblemLog } from './audit-problem';
import { ChainVerifier } from './chain-verifier';
import { policyLookup } from './invariants/ledger-invariants';
import { PersonCapInvariant } from './invariants/person-cap.invariant';
import { SpillMap, SpillStore } from './spill-map';
import { event } from './testing/invariant-specification';
import { verifyLog } from './verify-log';

/**
 * Issue #16: verification keeps the per-stream and per-person state of its
 * checks in `SpillMap`s, the newest entries in memory and the rest in a
 * SQLite file. A check must catch what it caught with everything in memory,
 * whether the state it needs was spilled or not.
 */
jest.setTimeout(60_000);

const stores: SpillStore[] = [];
const dirs: string[] = [];
const spillStore = (hotEntries: number) => {
  const store = new SpillStore(hotEntries);
  stores.push(store);
  return store;
};
afterAll(() => {
  for (const s of stores) s.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('SpillMap', () => {
  it('given more entries than it keeps in memory, when read back, then each holds its last value and the size is exact', () => {
    const map = spillStore(2).map();
    for (let i = 0; i < 10; i++) map.set(`k${i}`, `v${i}`);
    map.set('k0', 'again'); // in the file: moved back, not counted twice
    expect(map.size).toBe(10);
    expect(map.delete('k1')).toBe(true);
    expect(map.delete('k1')).toBe(false);
    expect(map.delete('never')).toBe(false);
    expect(map.size).toBe(9);
    expect(map.get('k0')).toBe('again');
    for (let i = 2; i < 10; i++) expect(map.get(`k${i}`)).toBe(`v${i}`);
    expect(map.get('k1')).toBeUndefined();
    expect(map.has('k9')).toBe(true);
    expect(map.size).toBe(9);
  });

  it('given packed binary values (NUL, latin1), when spilled and read back, then they are unchanged', () => {
    const map = spillStore(1).map();
    const packed = `7:${Buffer.from('00ff10e9', 'hex').toString('latin1')}\u0001a\u0002b`;
    map.set('tip', packed);
    map.set('other', 'x');
    map.set('third', 'y');
    expect(map.get('tip')).toBe(packed);
  });

  it('given texts past Latin-1 (CJK, a lone surrogate) and a value longer than a first read, when spilled and read back, then they are unchanged', () => {
    const map = spillStore(1).map();
    const cjk = '大同市数据标注企业\u{1F600}';
    const lone = 'a\ud800b';
    const long = `${'x'.repeat(600)}é${'y'.repeat(70_000)}`;
    map.set(cjk, lone);
    map.set(lone, cjk);
    map.set('long', long);
    map.set('other', 'x');
    expect(map.get(cjk)).toBe(lone);
    expect(map.get(lone)).toBe(cjk);
    expect(map.get('long')).toBe(long);
    expect(map.size).toBe(4);
  });

  it('given many entries spilled, when the store is looked at, then they went to one plain file, written once a spill (ADR 0020 §90)', () => {
    const store = spillStore(8);
    const map = store.map();
    const writes = jest.spyOn(jest.requireActual<typeof fs>('node:fs'), 'writeSync');
    let writeCalls: number;
    try {
      for (let i = 0; i < 1_000; i++) map.set(`key-${i}`, `value-${i}`);
      writeCalls = writes.mock.calls.length;
    } finally {
      writes.mockRestore();
    }
    expect(fs.readdirSync(store.dir)).toEqual(['state.spill']);
    // 8 kept, a quarter spilled at the 9th and then every 2nd: one write a spill, not one an entry
    expect(writeCalls).toBe(496);
    for (let i = 0; i < 1_000; i += 37) expect(map.get(`key-${i}`)).toBe(`value-${i}`);
  });

  it('given two maps of one store, when the same key is spilled in both, then each keeps its own value', () => {
    const store = spillStore(1);
    const a = store.map();
    const b = store.map();
    for (const [m, v] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      m.set('k', v);
      m.set('k2', v);
      m.set('k3', v);
    }
    expect([a.get('k'), b.get('k')]).toEqual(['A', 'B']);
  });

  it('given a store, when closed, then its temporary directory is gone', () => {
    const store = new SpillStore(1);
    const map = store.map();
    map.set('a', '1');
    map.set('b', '2');
    expect(fs.existsSync(store.dir)).toBe(true);
    store.close();
    expect(fs.existsSync(store.dir)).toBe(false);
  });
});

const meta = {
  actor: 'fay',
  role: 'finance',
  businessDate: '2023-03-10',
  recordedAt: '2023-03-10T02:00:00.000Z',
};
const raw = (n: number): EventToAppend => ({ type: 'A', data: { n }, metadata: meta });

/** Streams s0..s4, two events each, round-robin: every tip is spilled before its stream's second event. */
function interleaved(): RecordedEvent[] {
  const streams = [0, 1, 2, 3, 4].map((s) =>
    sealEvents(`s${s}`, 0, GENESIS_HASH, [raw(s * 10), raw(s * 10 + 1)]),
  );
  const out: RecordedEvent[] = [];
  for (const revision of [0, 1]) {
    streams.forEach((sealed, s) => {
      const e = sealed[revision];
      out.push({
        eventId: `e${out.length + 1}`,
        type: e.type,
        stream: `s${s}`,
        revision,
        position: out.length + 1,
        data: JSON.parse(JSON.stringify(e.data)),
        metadata: JSON.parse(JSON.stringify(e.metadata)),
      });
    });
  }
  return out;
}

const chainProblems = (events: RecordedEvent[], tips?: SpillMap) => {
  const chain = new ChainVerifier(false, tips);
  return events.flatMap((e) => chain.observe(e).problems);
};

describe('ChainVerifier with its tips spilled', () => {
  it('given a sound log, when the tips are spilled, then nothing is wrong', () => {
    const chain = new ChainVerifier(false, spillStore(1).map());
    for (const e of interleaved()) expect(chain.observe(e).problems).toEqual([]);
    expect(chain.streams).toBe(5);
  });

  it("given a broken prevHash and a skipped revision, when the stream's tip was spilled, then both are caught as in memory", () => {
    const events = interleaved();
    events[5].metadata = { ...events[5].metadata, prevHash: 'ab'.repeat(32) };
    events[6] = { ...events[6], revision: 2 };
    const spilled = chainProblems(events, spillStore(1).map());
    expect(spilled.map((p) => [p.position, p.check])).toEqual(
      expect.arrayContaining([
        [6, 'chain'],
        [7, 'chain'],
      ]),
    );
    expect(spilled).toEqual(chainProblems(events));
  });
});

describe('PersonCapInvariant with its persons spilled', () => {
  const reserved = (personKey: string, reservationId: string, amountFen: number, before: number) =>
    event('CapReserved', {
      reservationId,
      personKey,
      enterpriseId: 'E1',
      requestedFen: 1_000_000,
      amountFen,
      usedFenBefore: before,
      capFen: 1_000_000,
      policyVersion: 'datong-2022',
    });

  it('given a person near the cap whose usage was spilled, when more is reserved, then R-SEAT-5 is broken', () => {
    const cap = new PersonCapInvariant(policyLookup(DEFAULT_POLICY_TABLE), spillStore(1).map());
    const reports: string[] = [];
    const report = (rule: string, message: string) => reports.push(`${rule}: ${message}`);
    cap.observe(reserved('p1', 'r1', 900_000, 0), report);
    cap.observe(reserved('p2', 'r2', 100_000, 0), report);
    cap.observe(reserved('p3', 'r3', 100_000, 0), report);
    expect(reports).toEqual([]);
    cap.observe(reserved('p1', 'r4', 200_000, 900_000), report);
    expect(reports).toEqual([expect.stringContaining('person p1 would be at 1100000 fen')]);
    expect(cap.usedFen('p1')).toBe(1_100_000);
  });
});

describe('verifyLog with one entry per map in memory', () => {
  let template: string;

  beforeAll(async () => {
    template = tempDir('spill-template');
    dirs.push(template);
    await addSeatHistory(template, 0, 3, { claimsPerApplication: 3 });
  });

  async function verify(
    dir: string,
    spillHotEntries?: number,
    extra: { workDir?: string; onPage?: () => void } = {},
  ) {
    const store = SqliteEventStore.open({ dataDir: dir, groupCommit: false });
    try {
      const problems = new ProblemLog(100);
      const log = await verifyLog({
        readPage: (afterPosition, maxCount) => store.readAll({ afterPosition, maxCount }),
        problems,
        contiguousPositions: true,
        spillHotEntries,
        ...extra,
      });
      return { log, problems: problems.list(), count: problems.count };
    } finally {
      await store.close();
    }
  }

  it('given a sound ledger, when verified spilling everything, then the report is the in-memory one', async () => {
    const spilled = await verify(template, 1);
    expect(spilled.count).toBe(0);
    expect(spilled).toEqual(await verify(template, 1_000_000));
  });

  it('given a changed reservation and a removed event, when verified spilling everything, then every problem is the in-memory one', async () => {
    const dir = copyLedgerDir(template, 'spill-tampered');
    dirs.push(dir);
    const db = openLedgerFile(dir);
    try {
      const reservation = db
        .prepare("SELECT position FROM events WHERE type = 'CapReserved' ORDER BY position DESC")
        .pluck()
        .get() as number;
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.usedFenBefore', json_extract(data, '$.usedFenBefore') + 1) WHERE position = ?",
      ).run(reservation);
      deleteEventsBehindTheStore(db, 'position = 7');
    } finally {
      db.close();
    }
    const spilled = await verify(dir, 1);
    expect(spilled.problems.map((p) => p.check)).toEqual(
      expect.arrayContaining(['hash', 'order', 'chain', 'invariant']),
    );
    expect(spilled).toEqual(await verify(dir, 1_000_000));
  });
  it('given a work directory, when verified, then the spill file lives there while it runs and is gone after', async () => {
    const workDir = tempDir('spill-work');
    dirs.push(workDir);
    const seen: string[][] = [];
    const spilled = await verify(template, 1, {
      workDir,
      onPage: () => seen.push(fs.readdirSync(workDir)),
    });
    expect(spilled.count).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    for (const names of seen)
      expect(names).toEqual([expect.stringMatching(/^ledger-verify-state-/)]);
    expect(fs.readdirSync(workDir)).toEqual([]);
  });
});
