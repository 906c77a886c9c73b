import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { enterpriseBalanceProjection } from '../enterprise-balance.projection';
import { LEDGER_PROJECTIONS } from '../projections';
import {
  dumpSqliteReadModels,
  REBUILD_CACHE_SIZE,
  REBUILD_WAL_AUTOCHECKPOINT_FRAMES,
  rebuildSqliteReadModels,
} from '../rebuild';
import { ledgerEvent, metadata } from '../testing/ledger-events.fixture';
import { fractionalTrancheApproval, seatSubsidyStory, story } from '../testing/seat-subsidy.story';
import { E1, fraudCaseStory, fundUseReported } from '../testing/fraud-case.fixture';
import { SqliteReadModels } from './sqlite-read-model.store';

const { e1, e2, p1, p2, p3, a1, a2, t1, a2t1 } = story;
const zero = { approvedFen: 0, disbursedFen: 0, clawbackDueFen: 0, recoveredFen: 0 };

describe('SqliteReadModels inline in the SQLite event store', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let readModels: SqliteReadModels;
  const others: Database.Database[] = [];

  const readAll = (afterPosition: number, maxCount: number) =>
    store.readAll({ afterPosition, maxCount });

  async function appendStory(): Promise<number> {
    let position = 0;
    for (const step of seatSubsidyStory()) {
      const event = { type: step.event.type, data: step.event.data, metadata: step.metadata };
      ({ position } = await store.append(step.stream, [event], 'any'));
    }
    return position;
  }

  function openOther(name: string): Database.Database {
    const db = new Database(join(dataDir, name));
    others.push(db);
    return db;
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-read-models-'));
    store = SqliteEventStore.open({ dataDir });
    readModels = new SqliteReadModels(store.database);
    await readModels.catchUp(readAll);
    store.setInlineProjector(readModels);
  });

  afterEach(async () => {
    for (const db of others.splice(0)) db.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('given the seat-subsidy story appended through the event store', () => {
    let head: number;
    beforeEach(async () => {
      head = await appendStory();
    });

    it('when asked for the checkpoint, then every event has been processed, unknown types included', async () => {
      expect(head).toBe(seatSubsidyStory().length);
      expect(await readModels.checkpoint()).toBe(head);
    });

    it('when asked for the balance today, then approved is net of the withdrawn claim and the payment shows', async () => {
      const balance = await readModels.enterpriseBalance(e1.enterpriseId, '2023-12-31');
      const seat = { ...zero, approvedFen: 250_000, disbursedFen: 250_000 };
      expect(balance).toEqual({ programmes: { seat }, totals: seat });
      expect(Number.isInteger(balance.totals.approvedFen)).toBe(true);
    });

    it('when asked as of a business date before the withdrawal, then both claims count as approved', async () => {
      const balance = await readModels.enterpriseBalance(e1.enterpriseId, '2023-02-05');
      expect(balance.programmes.seat).toEqual({ ...zero, approvedFen: 500_000 });
      expect(await readModels.enterpriseBalance(e1.enterpriseId, '2023-01-31')).toEqual({
        programmes: { seat: zero },
        totals: zero,
      });
    });

    it('when a backdated payment is asked as of its paid date, then it shows as of the date but not as known before it was recorded', async () => {
      const asOf = '2023-03-31';
      expect((await readModels.enterpriseBalance(e1.enterpriseId, asOf)).totals.disbursedFen).toBe(
        250_000,
      );
      const before = await readModels.enterpriseBalance(
        e1.enterpriseId,
        asOf,
        '2023-04-01T00:00:00Z',
      );
      expect(before.totals).toEqual({ ...zero, approvedFen: 250_000 });
      // The same instant as the recording, written in Beijing time: known by then.
      const atRecording = await readModels.enterpriseBalance(
        e1.enterpriseId,
        asOf,
        '2023-04-10T11:00:00+08:00',
      );
      expect(atRecording.totals.disbursedFen).toBe(250_000);
      const justBefore = await readModels.enterpriseBalance(
        e1.enterpriseId,
        asOf,
        '2023-04-10T02:59:59.999Z',
      );
      expect(justBefore.totals.disbursedFen).toBe(0);
    });

    it('when an enterprise with nothing approved is asked, then the seat programme is there with zeros', async () => {
      expect(await readModels.enterpriseBalance(e2.enterpriseId, '2023-12-31')).toEqual({
        programmes: { seat: zero },
        totals: zero,
      });
      expect(await readModels.enterpriseBalance('unknown', '2023-12-31')).toEqual({
        programmes: { seat: zero },
        totals: zero,
      });
    });

    it('when person caps are asked, then reservations count per enterprise and a released one no longer does', async () => {
      expect(await readModels.personCap(p1.personKey)).toEqual({
        usedFen: 250_000,
        byEnterprise: [{ enterpriseId: e1.enterpriseId, usedFen: 250_000 }],
      });
      expect(await readModels.personCap(p2.personKey)).toEqual({ usedFen: 0, byEnterprise: [] });
      expect(await readModels.personCap(p2.personKey, '2023-02-07')).toEqual({
        usedFen: 250_000,
        byEnterprise: [{ enterpriseId: e1.enterpriseId, usedFen: 250_000 }],
      });
      expect(
        (await readModels.personCap(p2.personKey, undefined, '2023-02-08T00:00:00.000Z')).usedFen,
      ).toBe(250_000);
      expect(await readModels.personCap(p3.personKey)).toEqual({
        usedFen: 250_000,
        byEnterprise: [{ enterpriseId: e2.enterpriseId, usedFen: 250_000 }],
      });
      expect(await readModels.personCap('nobody')).toEqual({ usedFen: 0, byEnterprise: [] });
    });

    it('when the application is asked for, then its claims, review and tranche are there', async () => {
      const view = await readModels.seatApplication(a1);
      expect(view).toMatchObject({
        applicationId: a1,
        enterpriseId: e1.enterpriseId,
        status: 'open',
        firstTrancheMonths: 2,
        reviews: [{ reviewedBy: 'rev-1', decidedOn: '2023-01-20' }],
      });
      expect(view?.tranches[0]).toMatchObject({
        trancheId: t1,
        status: 'approved',
        amountFen: 250_000,
        withdrawn: [{ claimId: `${a1}.c2`, amountFen: 250_000 }],
        disbursement: { disbursementId: story.disbursementId, paidOn: '2023-03-20' },
      });
      const refused = (await readModels.seatApplication(a2))?.claims[0];
      expect(refused).toMatchObject({ status: 'refused', rule: 'R-SEAT-6' });
      expect(await readModels.seatApplication('sa-none')).toBeUndefined();
    });

    it('when the notice, the payment and the duplicates are asked for, then they answer', async () => {
      const notice = await readModels.publicity(story.publicityId);
      expect(notice?.entries.map((e) => [e.claimId, e.withdrawn ?? false])).toEqual([
        [`${a1}.c1`, false],
        [`${a1}.c2`, true],
      ]);
      expect(notice?.objections[0]).toMatchObject({ status: 'upheld', withdrawnFen: 250_000 });

      expect(await readModels.disbursement(story.disbursementId)).toEqual({
        disbursementId: story.disbursementId,
        trancheId: t1,
        applicationId: a1,
        enterpriseId: e1.enterpriseId,
        paidOn: '2023-03-20',
        amountFen: 250_000,
        bankRef: story.bankRef,
        paidBy: 'fin-2',
        reversedBy: [],
      });

      const duplicates = await readModels.duplicateClaims();
      expect(duplicates).toEqual([
        expect.objectContaining({
          personKey: p1.personKey,
          personIdMasked: p1.personIdMasked,
          claimId: `${a2}.c1`,
          enterpriseId: e2.enterpriseId,
          businessDate: '2023-02-16',
          conflictsWith: [
            expect.objectContaining({ claimId: `${a1}.c1`, enterpriseId: e1.enterpriseId }),
          ],
        }),
      ]);
      expect(await readModels.duplicateClaims({ enterpriseId: e2.enterpriseId })).toEqual(
        duplicates,
      );
      expect(await readModels.duplicateClaims({ enterpriseId: e1.enterpriseId })).toEqual([]);
      expect(await readModels.duplicateClaims({ afterPosition: duplicates[0].position })).toEqual(
        [],
      );
    });

    it('when open processes are asked for, then only the crashed tranche approval is left', async () => {
      const open = await readModels.openProcesses();
      expect(open).toEqual([
        {
          processId: a2t1,
          kind: 'TrancheApprovalStarted',
          stream: `seat-application-${a2}`,
          position: expect.any(Number),
        },
      ]);
    });

    it('when events already applied are applied again, inline or in their own transaction, then nothing changes', async () => {
      const before = dumpSqliteReadModels(store.database);
      const events = await store.readAll();
      store.database.transaction(() => readModels.applyInTransaction(store.database, events))();
      readModels.applyEvents(events);
      readModels.applyEvents(events.slice(3, 9));
      expect(dumpSqliteReadModels(store.database)).toEqual(before);
    });

    it('when the read models are rebuilt on the store connection, then its pages commit without an fsync each or a checkpoint every few pages, and its FULL sync, page cache and checkpoint are back afterwards', async () => {
      const db = store.database;
      db.pragma('wal_autocheckpoint = 8000'); // the API's backstop (group commit)
      const settings = () => ({
        synchronous: db.pragma('synchronous', { simple: true }),
        cacheSize: db.pragma('cache_size', { simple: true }),
        autocheckpoint: db.pragma('wal_autocheckpoint', { simple: true }),
      });
      const before = settings();
      expect(before).toMatchObject({ synchronous: 2, autocheckpoint: 8000 }); // FULL
      const during: ReturnType<typeof settings>[] = [];
      await rebuildSqliteReadModels(db, readAll, LEDGER_PROJECTIONS, () => during.push(settings()));
      expect(during.length).toBeGreaterThan(0);
      expect(during[0]).toEqual({
        synchronous: 1, // NORMAL
        cacheSize: REBUILD_CACHE_SIZE,
        autocheckpoint: REBUILD_WAL_AUTOCHECKPOINT_FRAMES,
      });
      expect(settings()).toEqual(before);
    });

    it('when the read models are rebuilt from the events, elsewhere or in place, then the dump is identical', async () => {
      const live = dumpSqliteReadModels(store.database);
      expect(live['balance_entries']).toHaveLength(3);

      const elsewhere = openOther('rebuilt.sqlite');
      const result = await rebuildSqliteReadModels(elsewhere, readAll);
      expect(result).toEqual({ events: head, position: head });
      expect(dumpSqliteReadModels(elsewhere)).toEqual(live);

      await rebuildSqliteReadModels(store.database, readAll);
      expect(dumpSqliteReadModels(store.database)).toEqual(live);
      // And the live projector carries on from the rebuilt checkpoint.
      await store.append(
        'enterprise-x',
        [{ type: 'Noted', data: {}, metadata: metadata('2023-05-01T00:00:00.000Z', '2023-05-01') }],
        'any',
      );
      expect(await readModels.checkpoint()).toBe(head + 1);
    });
  });

  it('given every projection level and one behind, when an event is appended inline, then each level checkpoint moves to it in one write and the one behind stays', async () => {
    const head = await appendStory();
    const bumped = LEDGER_PROJECTIONS.map((p) =>
      p.name === enterpriseBalanceProjection.name ? { ...p, version: p.version + 1 } : p,
    );
    store.setInlineProjector(new SqliteReadModels(store.database, bumped));
    const step = seatSubsidyStory()[0];
    const { position } = await store.append(
      'enterprise-checkpoint-probe',
      [{ type: step.event.type, data: step.event.data, metadata: step.metadata }],
      'any',
    );
    const rows = dumpSqliteReadModels(store.database)['projection_checkpoint'] as {
      name: string;
      position: number;
    }[];
    const behind = `${enterpriseBalanceProjection.name}.v${enterpriseBalanceProjection.version + 1}`;
    expect(position).toBe(head + 1);
    expect(rows.find((r) => r.name === behind)).toBeUndefined();
    const level = rows.filter((r) => !r.name.startsWith(`${enterpriseBalanceProjection.name}.`));
    expect(level).toHaveLength(LEDGER_PROJECTIONS.length - 1);
    for (const row of level) expect(row).toEqual({ name: row.name, position: head + 1 });
  });

  it('given a projection that fails on an event, when it is appended, then neither the event nor any read model is written', async () => {
    const bad = fractionalTrancheApproval();
    await expect(
      store.append(
        `seat-application-${a1}`,
        [{ ...bad, metadata: metadata('2023-02-01T00:00:00.000Z', '2023-02-01') }],
        'any',
      ),
    ).rejects.toThrow(/amount_fen must be an integer/);
    expect(await store.headPosition()).toBe(0);
    expect(await readModels.checkpoint()).toBe(0);
    expect(dumpSqliteReadModels(store.database)['read_model_documents']).toEqual([]);
  });

  it('given events written while no projector was attached, when more are appended, then the read models wait for catchUp instead of skipping', async () => {
    store.setInlineProjector(undefined);
    const steps = seatSubsidyStory();
    for (const step of steps.slice(0, 10)) {
      await store.append(
        step.stream,
        [{ type: step.event.type, data: step.event.data, metadata: step.metadata }],
        'any',
      );
    }
    store.setInlineProjector(readModels);
    for (const step of steps.slice(10)) {
      await store.append(
        step.stream,
        [{ type: step.event.type, data: step.event.data, metadata: step.metadata }],
        'any',
      );
    }
    expect(await readModels.checkpoint()).toBe(0);
    expect(await readModels.enterpriseBalance(e1.enterpriseId, '2023-12-31')).toEqual({
      programmes: { seat: zero },
      totals: zero,
    });

    expect(await readModels.catchUp(readAll)).toBe(steps.length);
    const rebuilt = openOther('rebuilt.sqlite');
    await rebuildSqliteReadModels(rebuilt, readAll);
    expect(dumpSqliteReadModels(store.database)).toEqual(dumpSqliteReadModels(rebuilt));
  });

  it('given a projection whose version changed, when the read models open, then its old rows go and catchUp replays it alone', async () => {
    await appendStory();
    const before = dumpSqliteReadModels(store.database);
    const bumped = LEDGER_PROJECTIONS.map((p) =>
      p.name === enterpriseBalanceProjection.name ? { ...p, version: p.version + 1 } : p,
    );
    const reopened = new SqliteReadModels(store.database, bumped);
    expect(dumpSqliteReadModels(store.database)['balance_entries']).toEqual([]);
    expect(await reopened.checkpoint()).toBe(0);

    await reopened.catchUp(readAll);
    const after = dumpSqliteReadModels(store.database);
    expect(after['balance_entries']).toEqual(before['balance_entries']);
    expect(after['read_model_documents']).toEqual(before['read_model_documents']);
    expect(after['projection_checkpoint']).toContainEqual({
      name: 'enterprise-balance.v2',
      position: before['projection_checkpoint'][0]['position'],
    });
  });

  it('given more than one page of events, when rebuilt, then every page is replayed', async () => {
    const count = 2_345;
    const events = Array.from({ length: count }, (_, i) => {
      const reserved = ledgerEvent('CapReserved', {
        reservationId: `t${i}:c${i}`,
        personKey: `pk-${i % 7}`,
        trancheId: `t${i}`,
        claimId: `c${i}`,
        applicationId: `a${i}`,
        enterpriseId: `E${i % 3}`,
        requestedFen: 250_000,
        amountFen: 100 + i,
        usedFenBefore: 0,
        capFen: 1_000_000,
        decidedOn: '2023-02-01',
        policyVersion: 'datong-2022',
      });
      return { ...reserved, metadata: metadata('2023-02-01T00:00:00.000Z', '2023-02-01') };
    });
    await store.append('person-bulk', events, 'any');
    const expectedFen = events.reduce(
      (sum, e) => sum + (e.data.personKey === 'pk-0' ? e.data.amountFen : 0),
      0,
    );
    expect((await readModels.personCap('pk-0')).usedFen).toBe(expectedFen);

    const pages: number[] = [];
    const rebuilt = openOther('rebuilt.sqlite');
    const result = await rebuildSqliteReadModels(rebuilt, async (after, max) => {
      const page: RecordedEvent[] = await readAll(after, max);
      pages.push(page.length);
      return page;
    });
    expect(pages).toEqual([500, 500, 500, 500, 345, 0]);
    expect(result).toEqual({ events: count, position: count });
    expect(dumpSqliteReadModels(rebuilt)).toEqual(dumpSqliteReadModels(store.database));
  });

  it('given bad query arguments, when asked, then they are refused', async () => {
    await expect(readModels.enterpriseBalance(e1.enterpriseId, '2023-02-30')).rejects.toThrow(
      RangeError,
    );
    await expect(
      readModels.enterpriseBalance(e1.enterpriseId, '2023-02-01', 'yesterday'),
    ).rejects.toThrow(RangeError);
    await expect(readModels.openProcesses(0)).rejects.toThrow(RangeError);
    await expect(readModels.duplicateClaims({ limit: 1_001 })).rejects.toThrow(RangeError);
  });

  describe('given a fraud case (R-FRAUD) and a use-of-funds report (R-SEAT-7)', () => {
    beforeEach(async () => {
      for (const e of fraudCaseStory()) {
        await store.append(e.stream, [{ type: e.type, data: e.data, metadata: e.metadata }], 'any');
      }
      await store.append(
        `enterprise-${E1}`,
        [
          {
            ...fundUseReported,
            metadata: metadata('2024-02-01T00:00:00.000Z', '2024-02-01'),
          },
        ],
        'any',
      );
    });

    it('when the balance is read before and after, then clawbackDue shows from the finding and recovered from each receipt', async () => {
      const at = async (asOf: string) =>
        (await readModels.enterpriseBalance(E1, asOf)).programmes.seat;
      expect(await at('2024-03-09')).toEqual(zero);
      expect(await at('2024-03-10')).toEqual({ ...zero, clawbackDueFen: 500_000 });
      expect(await at('2024-04-15')).toEqual({
        ...zero,
        clawbackDueFen: 500_000,
        recoveredFen: 100_000,
      });
      expect(await at('2024-06-01')).toEqual({
        ...zero,
        clawbackDueFen: 500_000,
        recoveredFen: 500_000,
      });
    });

    it('when the ageing is read, then the outstanding amount is bucketed by its age and paged across enterprises', async () => {
      expect(await readModels.clawbackAgeing(E1, '2024-05-20')).toMatchObject({
        enterpriseId: E1,
        outstandingFen: 400_000,
        days31to90Fen: 400_000,
      });
      expect(await readModels.clawbackAgeing(E1, '2024-06-01')).toMatchObject({
        outstandingFen: 0,
        clawbacks: 0,
      });
      expect(await readModels.clawbackAgeingAll({ asOf: '2024-05-20' })).toHaveLength(1);
      expect(
        await readModels.clawbackAgeingAll({ asOf: '2024-05-20', afterEnterpriseId: E1 }),
      ).toEqual([]);
      await expect(readModels.clawbackAgeingAll({ asOf: '2024-05-20', limit: 0 })).rejects.toThrow(
        RangeError,
      );
    });

    it('when the trace, the record and the fund uses are read, then they hold the case and the report', async () => {
      expect(await readModels.caseTrace('case-1')).toMatchObject({
        status: 'closed',
        outstandingFen: 0,
      });
      expect(await readModels.caseTrace('nope')).toBeUndefined();
      expect(await readModels.enterpriseRecord(E1)).toMatchObject({
        casesUpheld: 1,
        recoveredFen: 500_000,
        suspendedBy: [],
      });
      expect(await readModels.fundUses(E1, '2024-01-31')).toEqual({
        educationFen: 0,
        otherFen: 0,
        reports: 0,
      });
      expect(await readModels.fundUses(E1, '2024-02-01')).toEqual({
        educationFen: 60_000,
        otherFen: 140_000,
        reports: 1,
      });
    });

    it('when the read models are rebuilt from the events, then they are exactly what was written inline', async () => {
      const live = dumpSqliteReadModels(store.database);
      await rebuildSqliteReadModels(store.database, readAll);
      expect(dumpSqliteReadModels(store.database)).toEqual(live);
    });
  });
});
