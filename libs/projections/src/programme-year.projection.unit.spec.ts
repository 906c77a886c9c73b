import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fiscalYearOf } from '@ledger/domain';
import { BalanceEntry, enterpriseBalanceProjection } from './enterprise-balance.projection';
import {
  PROGRAMME_YEAR_COLLECTION,
  ProgrammeYearDoc,
  programmeYearProjection,
} from './programme-year.projection';
import { allocateRemittances, programmeYearReport } from './queries/programme-year.query';
import { ReadModelFetcher } from './queries/read-model.fetcher';
import { documentOperations } from './read-model';
import { SchoolBalanceEntry, schoolBalanceProjection } from './school-balance.projection';
import { fraudCaseStory } from './testing/fraud-case.fixture';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';
import { recordedStory } from './testing/seat-subsidy.story';
import { siteAndInternshipStory } from './testing/site-and-internship.fixture';
import { schoolCaseStory, siteCaseStory } from './testing/tranche-case.fixture';

/** The documents a store would hold, and the two fetcher calls the report reads through. */
class MemoryDocuments {
  readonly collections = new Map<string, Map<string, object>>();

  apply(event: RecordedEvent): void {
    const ops = documentOperations(programmeYearProjection, event, (id) =>
      this.get(PROGRAMME_YEAR_COLLECTION, id),
    );
    for (const op of ops) {
      const c = this.collectionOf(op.kind === 'journal' ? '' : op.collection);
      if (op.kind === 'put') c.set(op.id, op.doc);
      else if (op.kind === 'delete') c.delete(op.id);
    }
  }

  get<D>(collection: string, id: string): D | undefined {
    return this.collections.get(collection)?.get(id) as D | undefined;
  }

  private collectionOf(name: string) {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = new Map()));
    return c;
  }

  fetcher(): ReadModelFetcher {
    const unused = () => Promise.reject(new Error('not read by the report'));
    return {
      document: async <D extends object>(collection: string, id: string) =>
        this.get<D>(collection, id),
      documents: async <D extends object>(collection: string, ids: readonly string[]) =>
        ids.map((id) => this.get<D>(collection, id)),
      documentIdRange: async (collection, range, limit) =>
        [...(this.collections.get(collection)?.keys() ?? [])]
          .filter((id) => range.gt === undefined || id > range.gt)
          .sort()
          .slice(0, limit),
      documentsByPosition: unused,
      journalRows: unused,
      journalPage: unused,
    };
  }
}

/** Every story of the fixtures, one log: positions renumbered in order. */
function allStories(): RecordedEvent[] {
  return [
    ...recordedStory(),
    ...siteAndInternshipStory(),
    ...fraudCaseStory(),
    ...schoolCaseStory(),
    ...siteCaseStory(),
  ].map((e, i) => ({ ...e, position: i + 1 }));
}

const returned = (position: number, data: Record<string, unknown>, type = 'DisbursementReturned') =>
  recorded({ type, data }, { position, stream: 'seat-application-sa-1' });

const remittance = (position: number, fiscalYear: number, remittedOn: string, amountFen: number) =>
  recorded(
    ledgerEvent('RemittanceRecorded', {
      remittanceId: `rem-${position}`,
      fiscalYear,
      remittedOn,
      amountFen,
      treasuryRef: `TR-${position}`,
      recordedBy: 'fay',
    }),
    { position, stream: `remittances-${fiscalYear}` },
  );

describe('programme-year projection and report (issue #14)', () => {
  it('given every fixture story, when projected, then each party, programme and year shows the sums of its balance rows by the year of their business date, and the totals add up', async () => {
    const events = allStories();
    const memory = new MemoryDocuments();
    const rows: (BalanceEntry | SchoolBalanceEntry)[] = [];
    for (const e of events) {
      memory.apply(e);
      rows.push(...enterpriseBalanceProjection.project(e).map((op) => op.row));
      rows.push(...schoolBalanceProjection.project(e).map((op) => op.row));
    }
    const years = [...new Set(rows.map((r) => fiscalYearOf(r.businessDate)))].sort();
    expect(years).toEqual([2023, 2024]);
    const figureOf = {
      approved: 'approvedFen',
      disbursed: 'paidFen',
      clawbackDue: 'dueBackFen',
      recovered: 'recoveredFen',
    } as const;
    for (const year of years) {
      const report = await programmeYearReport(memory.fetcher(), year);
      const expected = new Map<string, Record<string, number>>();
      for (const r of rows.filter((r) => fiscalYearOf(r.businessDate) === year)) {
        const party = 'enterpriseId' in r ? `enterprise|${r.enterpriseId}` : `school|${r.schoolId}`;
        const key = `${party}|${r.programme}`;
        const figures = expected.get(key) ?? {};
        figures[figureOf[r.kind]] = (figures[figureOf[r.kind]] ?? 0) + r.amountFen;
        expected.set(key, figures);
      }
      expect(
        report.parties.map((p) => `${p.partyKind}|${p.partyId}|${p.programme}`).sort(),
      ).toEqual([...expected.keys()].sort());
      for (const p of report.parties) {
        const want = expected.get(`${p.partyKind}|${p.partyId}|${p.programme}`)!;
        expect(p).toMatchObject({
          approvedFen: want.approvedFen ?? 0,
          paidFen: want.paidFen ?? 0,
          dueBackFen: want.dueBackFen ?? 0,
          recoveredFen: want.recoveredFen ?? 0,
          returnedFen: 0,
          remittedFen: 0,
        });
      }
      for (const figure of ['approvedFen', 'paidFen', 'dueBackFen', 'recoveredFen'] as const) {
        const sum = (xs: { [k in typeof figure]: number }[]) =>
          xs.reduce((s, x) => s + x[figure], 0);
        expect(sum(report.programmes)).toBe(report.totals[figure]);
        expect(sum(report.parties)).toBe(report.totals[figure]);
      }
      expect(report.programmes.map((p) => p.programme)).toEqual([
        'seat',
        'siteLease',
        'siteRenovation',
        'sitePurchase',
        'internship',
      ]);
    }
    // The stories pay, find false and recover in more than one programme.
    const y2024 = await programmeYearReport(memory.fetcher(), 2024);
    expect(y2024.totals.recoveredFen).toBeGreaterThan(0);
    expect(y2024.totals.dueBackFen).toBeGreaterThan(0);
    expect(y2024.parties.some((p) => p.partyKind === 'school')).toBe(true);
  });

  it('given returns of each programme (退票), when projected, then each counts as returned by its return date under its payee and programme, and paid less by as much (the balances count a return against paid)', async () => {
    const memory = new MemoryDocuments();
    const base = {
      disbursementId: 'dis-9',
      bankRef: 'RT-1',
      reason: '账户已销户',
      returnedBy: 'fay',
    };
    memory.apply(
      returned(1, {
        ...base,
        trancheId: 'sa-1.t1',
        amountFen: 300_00,
        returnedOn: '2024-01-20',
        applicationId: 'sa-1',
        enterpriseId: 'E1',
      }),
    );
    memory.apply(
      returned(
        2,
        {
          ...base,
          trancheId: 's-1.y1',
          amountFen: 200_00,
          returnedOn: '2024-02-01',
          siteId: 's-1',
          enterpriseId: 'E1',
          kind: 'lease',
        },
        'SiteDisbursementReturned',
      ),
    );
    memory.apply(
      returned(
        3,
        {
          ...base,
          trancheId: 'ia-1.t1',
          amountFen: 50_00,
          returnedOn: '2024-03-01',
          applicationId: 'ia-1',
          schoolId: 'S1',
        },
        'InternshipDisbursementReturned',
      ),
    );
    memory.apply(
      returned(5, {
        ...base,
        trancheId: 'sa-1.t2',
        amountFen: 1_00,
        returnedOn: '2025-01-02',
        enterpriseId: 'E1',
      }),
    );

    const report = await programmeYearReport(memory.fetcher(), 2024);
    expect(report.parties).toEqual([
      expect.objectContaining({
        partyKind: 'enterprise',
        partyId: 'E1',
        programme: 'seat',
        returnedFen: 300_00,
      }),
      expect.objectContaining({
        partyKind: 'enterprise',
        partyId: 'E1',
        programme: 'siteLease',
        returnedFen: 200_00,
      }),
      expect.objectContaining({
        partyKind: 'school',
        partyId: 'S1',
        programme: 'internship',
        returnedFen: 50_00,
      }),
    ]);
    expect(report.parties.map((p) => p.paidFen)).toEqual([-300_00, -200_00, -50_00]);
    expect(report.programmes.find((p) => p.programme === 'seat')!.returnedFen).toBe(300_00);
    expect(report.totals.returnedFen).toBe(550_00);
    expect((await programmeYearReport(memory.fetcher(), 2025)).totals.returnedFen).toBe(1_00);
  });

  it('given a seat payment of December 2023 returned in January 2024 and one of March 2024 returned in April, when reported, then 2023 keeps its payment, 2024 shows both as returned and only its own payment’s return lowers its paid (never below zero)', async () => {
    const memory = new MemoryDocuments();
    const payment = (position: number, disbursementId: string, paidOn: string) =>
      recorded(
        ledgerEvent('TrancheDisbursed', {
          applicationId: 'sa-1',
          enterpriseId: 'E1',
          trancheId: `sa-1.t${position}`,
          disbursementId,
          paidOn,
          amountFen: 300_00,
          bankRef: `B-${position}`,
          paidBy: 'fay',
        }),
        { position, stream: 'seat-application-sa-1' },
      );
    const back = (
      position: number,
      of: number,
      disbursementId: string,
      paidOn: string,
      returnedOn: string,
    ) =>
      returned(position, {
        trancheId: `sa-1.t${of}`,
        disbursementId,
        amountFen: 300_00,
        returnedOn,
        bankRef: `R-${position}`,
        reason: '账户已销户',
        returnedBy: 'fay',
        paidOn,
        applicationId: 'sa-1',
        enterpriseId: 'E1',
      });
    memory.apply(payment(1, 'd-1', '2023-12-20'));
    memory.apply(back(2, 1, 'd-1', '2023-12-20', '2024-01-10'));
    memory.apply(payment(3, 'd-3', '2024-03-05'));
    memory.apply(back(4, 3, 'd-3', '2024-03-05', '2024-04-02'));

    const y2023 = await programmeYearReport(memory.fetcher(), 2023);
    expect(y2023.totals).toMatchObject({ paidFen: 300_00, returnedFen: 0 });
    const y2024 = await programmeYearReport(memory.fetcher(), 2024);
    expect(y2024.totals).toMatchObject({ paidFen: 0, returnedFen: 600_00 });
    expect(y2024.parties.map((p) => p.paidFen)).toEqual([0]);
  });

  it('given recoveries of 2024 and remittances dated in 2024 and 2025, when reported, then each year shows what was remitted in it, allocated to the oldest recoveries first', async () => {
    const memory = new MemoryDocuments();
    for (const e of fraudCaseStory()) memory.apply(e); // recovers 100,000 then 400,000 fen in 2024
    memory.apply(remittance(201, 2024, '2024-12-20', 250_000));
    memory.apply(remittance(202, 2024, '2025-01-15', 250_000));

    const y2024 = await programmeYearReport(memory.fetcher(), 2024);
    const y2025 = await programmeYearReport(memory.fetcher(), 2025);
    expect(y2024.totals).toMatchObject({ recoveredFen: 500_000, remittedFen: 250_000 });
    expect(y2025.totals).toMatchObject({ recoveredFen: 0, remittedFen: 250_000 });
    expect(y2024.parties.find((p) => p.programme === 'seat')).toMatchObject({
      remittedFen: 250_000,
    });
    expect(y2025.parties).toEqual([
      expect.objectContaining({
        partyKind: 'enterprise',
        programme: 'seat',
        recoveredFen: 0,
        remittedFen: 250_000,
      }),
    ]);
    expect(y2025.programmes.find((p) => p.programme === 'seat')!.remittedFen).toBe(250_000);
  });

  it('given two recoveries and remittances crossing them, when allocated, then remittances take the oldest recovery first and only those dated in the year count', () => {
    const recoveries = [
      {
        position: 2,
        partyKind: 'school' as const,
        partyId: 'S1',
        programme: 'internship' as const,
        amountFen: 70,
      },
      {
        position: 1,
        partyKind: 'enterprise' as const,
        partyId: 'E1',
        programme: 'seat' as const,
        amountFen: 50,
      },
    ];
    const remittancesOfYear = [
      { position: 3, remittedOn: '2024-05-01', amountFen: 80 },
      { position: 4, remittedOn: '2025-01-01', amountFen: 40 },
    ];
    const in2024 = [...allocateRemittances({ recoveries, remittancesOfYear }, 2024).values()];
    expect(in2024).toEqual([
      { partyKind: 'enterprise', partyId: 'E1', programme: 'seat', amountFen: 50 },
      { partyKind: 'school', partyId: 'S1', programme: 'internship', amountFen: 30 },
    ]);
    const in2025 = [...allocateRemittances({ recoveries, remittancesOfYear }, 2025).values()];
    expect(in2025).toEqual([
      { partyKind: 'school', partyId: 'S1', programme: 'internship', amountFen: 40 },
    ]);
  });

  it('given an event that touches two documents, when evolved without an id, then the first of its documents is evolved (the stores always name it)', () => {
    const e = remittance(1, 2024, '2025-01-15', 10);
    expect(programmeYearProjection.documentIds(e)).toEqual(['2024', '2025']);
    const doc = programmeYearProjection.evolve(undefined, e) as ProgrammeYearDoc;
    expect(doc).toMatchObject({ doc: 'year', fiscalYear: 2024, remittedFen: 0 });
    expect(programmeYearProjection.evolve(undefined, e, '2025')).toMatchObject({
      fiscalYear: 2025,
      remittedFen: 10,
    });
  });
});
