import type { Programme } from '@ledger/domain';
import {
  PartyKind,
  PROGRAMME_YEAR_COLLECTION,
  ProgrammeYearFigures,
  ProgrammeYearLedgerDoc,
  ProgrammeYearPartyDoc,
  programmeYearTerm,
  yearDocId,
} from '../programme-year.projection';
import { listedIdOf, listIndexCollection } from '../read-model';
import {
  ENTERPRISE_LIST_COLLECTION,
  EnterpriseListItem,
  SCHOOL_LIST_COLLECTION,
  SchoolListItem,
} from '../work-lists/party-list.projection';
import { ReadModelFetcher } from './read-model.fetcher';

/** The report's programmes, always all five, in this order. */
export const REPORT_PROGRAMMES: readonly Programme[] = [
  'seat',
  'siteLease',
  'siteRenovation',
  'sitePurchase',
  'internship',
];

export interface ProgrammeYearTotals extends ProgrammeYearFigures {
  remittedFen: number;
}

export interface ProgrammeYearProgrammeRow extends ProgrammeYearTotals {
  programme: Programme;
}

/** A party's figures in one programme, named as the party lists (ADR 0017) name it. */
export interface ProgrammeYearPartyRow extends ProgrammeYearTotals {
  partyKind: PartyKind;
  partyId: string;
  /** The registered name; null for a party the ledger never registered. */
  name: string | null;
  /** An enterprise's unified social credit code (its id); null for a school. */
  creditCode: string | null;
  programme: Programme;
}

export interface ProgrammeYearReport {
  fiscalYear: number;
  programmes: ProgrammeYearProgrammeRow[];
  parties: ProgrammeYearPartyRow[];
  totals: ProgrammeYearTotals;
}

/** Ids read a range at a time: a year is one range of the index (ADR 0017). */
const PAGE_IDS = 1_000;

const zero = (): ProgrammeYearTotals => ({
  approvedFen: 0,
  paidFen: 0,
  returnedFen: 0,
  dueBackFen: 0,
  recoveredFen: 0,
  remittedFen: 0,
});

const FIGURES: readonly (keyof ProgrammeYearTotals)[] = [
  'approvedFen',
  'paidFen',
  'returnedFen',
  'dueBackFen',
  'recoveredFen',
  'remittedFen',
];

const add = (into: ProgrammeYearTotals, from: Partial<ProgrammeYearTotals>) => {
  for (const f of FIGURES) into[f] += from[f] ?? 0;
};

const partyKey = (kind: string, id: string, programme: string) => `${kind}|${id}|${programme}`;

/**
 * Remittances name no recovery, programme or party: a fiscal year's
 * remittances are allocated to that year's recoveries oldest first (log
 * order), which the remittance rule (never more than recovered and not yet
 * remitted) keeps whole. Returns, per party and programme, what remittances
 * dated in `remittedIn` paid off.
 */
export function allocateRemittances(
  ofYear: Pick<ProgrammeYearLedgerDoc, 'recoveries' | 'remittancesOfYear'>,
  remittedIn: number,
): Map<string, { partyKind: PartyKind; partyId: string; programme: Programme; amountFen: number }> {
  const allocated = new Map<
    string,
    { partyKind: PartyKind; partyId: string; programme: Programme; amountFen: number }
  >();
  const recoveries = [...ofYear.recoveries].sort((a, b) => a.position - b.position);
  let r = 0;
  let leftInRecoveryFen = recoveries[0]?.amountFen ?? 0;
  for (const remittance of [...ofYear.remittancesOfYear].sort((a, b) => a.position - b.position)) {
    let leftFen = remittance.amountFen;
    const counts = Number(remittance.remittedOn.slice(0, 4)) === remittedIn;
    while (leftFen > 0 && r < recoveries.length) {
      const takenFen = Math.min(leftFen, leftInRecoveryFen);
      if (counts && takenFen > 0) {
        const rec = recoveries[r];
        const key = partyKey(rec.partyKind, rec.partyId, rec.programme);
        const row = allocated.get(key) ?? {
          partyKind: rec.partyKind,
          partyId: rec.partyId,
          programme: rec.programme,
          amountFen: 0,
        };
        row.amountFen += takenFen;
        allocated.set(key, row);
      }
      leftFen -= takenFen;
      leftInRecoveryFen -= takenFen;
      if (leftInRecoveryFen === 0) leftInRecoveryFen = recoveries[++r]?.amountFen ?? 0;
    }
  }
  return allocated;
}

/** Every party document of a year, in index order. */
async function partyDocsOf(
  fetcher: ReadModelFetcher,
  fiscalYear: number,
): Promise<ProgrammeYearPartyDoc[]> {
  const index = listIndexCollection(PROGRAMME_YEAR_COLLECTION, programmeYearTerm(fiscalYear));
  const docs: ProgrammeYearPartyDoc[] = [];
  let after: string | undefined;
  for (;;) {
    const ids = await fetcher.documentIdRange(index, after ? { gt: after } : {}, PAGE_IDS);
    if (ids.length === 0) return docs;
    const page = await fetcher.documents<ProgrammeYearPartyDoc>(
      PROGRAMME_YEAR_COLLECTION,
      ids.map(listedIdOf),
    );
    for (const d of page) if (d) docs.push(d);
    if (ids.length < PAGE_IDS) return docs;
    after = ids[ids.length - 1];
  }
}

/**
 * The programme-year report from the `programme-year` read model: one range
 * of the year's index, the year's own document, and the documents of the
 * years whose recoveries were remitted in it. Written once for every store.
 */
export async function programmeYearReport(
  fetcher: ReadModelFetcher,
  fiscalYear: number,
): Promise<ProgrammeYearReport> {
  const docs = await partyDocsOf(fetcher, fiscalYear);
  const year = await fetcher.document<ProgrammeYearLedgerDoc>(
    PROGRAMME_YEAR_COLLECTION,
    yearDocId(fiscalYear),
  );
  const programmes = new Map<Programme, ProgrammeYearProgrammeRow>(
    REPORT_PROGRAMMES.map((programme) => [programme, { programme, ...zero() }]),
  );
  const programmeRow = (programme: Programme) => {
    let row = programmes.get(programme);
    if (!row) programmes.set(programme, (row = { programme, ...zero() }));
    return row;
  };
  const parties = new Map<string, ProgrammeYearPartyRow>();
  const partyRow = (partyKind: PartyKind, partyId: string, programme: Programme) => {
    const key = partyKey(partyKind, partyId, programme);
    let row = parties.get(key);
    if (!row) {
      const creditCode = partyKind === 'enterprise' ? partyId : null;
      row = { partyKind, partyId, name: null, creditCode, programme, ...zero() };
      parties.set(key, row);
    }
    return row;
  };
  const totals = zero();
  for (const d of docs) {
    const figures = {
      approvedFen: d.approvedFen,
      paidFen: d.paidFen,
      returnedFen: d.returnedFen,
      dueBackFen: d.dueBackFen,
      recoveredFen: d.recoveredFen,
    };
    add(programmeRow(d.programme), figures);
    add(totals, figures);
    if (d.partyKind !== null) add(partyRow(d.partyKind, d.partyId, d.programme), figures);
  }
  for (const ofYear of year?.remittedFiscalYears ?? []) {
    const source =
      ofYear === fiscalYear
        ? year!
        : await fetcher.document<ProgrammeYearLedgerDoc>(
            PROGRAMME_YEAR_COLLECTION,
            yearDocId(ofYear),
          );
    if (!source) continue;
    for (const a of allocateRemittances(source, fiscalYear).values()) {
      programmeRow(a.programme).remittedFen += a.amountFen;
      partyRow(a.partyKind, a.partyId, a.programme).remittedFen += a.amountFen;
    }
  }
  totals.remittedFen = year?.remittedFen ?? 0;
  await nameParties(fetcher, [...parties.values()]);
  return {
    fiscalYear,
    programmes: [...programmes.values()],
    parties: [...parties.values()].sort((a, b) =>
      partyKey(a.partyKind, a.partyId, a.programme) < partyKey(b.partyKind, b.partyId, b.programme)
        ? -1
        : 1,
    ),
    totals,
  };
}

async function nameParties(
  fetcher: ReadModelFetcher,
  rows: ProgrammeYearPartyRow[],
): Promise<void> {
  for (const [kind, collection] of [
    ['enterprise', ENTERPRISE_LIST_COLLECTION],
    ['school', SCHOOL_LIST_COLLECTION],
  ] as const) {
    const ids = [...new Set(rows.filter((r) => r.partyKind === kind).map((r) => r.partyId))];
    for (let i = 0; i < ids.length; i += PAGE_IDS) {
      const chunk = ids.slice(i, i + PAGE_IDS);
      const docs = await fetcher.documents<EnterpriseListItem | SchoolListItem>(collection, chunk);
      const names = new Map(chunk.map((id, n) => [id, docs[n]?.name ?? null]));
      for (const r of rows) if (r.partyKind === kind) r.name = names.get(r.partyId) ?? r.name;
    }
  }
}
