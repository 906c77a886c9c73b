import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  fiscalYearOf,
  isEarlierYearReturn,
  Programme,
  siteProgrammeOf,
  trancheRefOf,
} from '@ledger/domain';
import {
  ENTERPRISE_BALANCE_EVENT_TYPES,
  enterpriseBalanceProjection,
} from './enterprise-balance.projection';
import {
  asLedgerEvent,
  cloneDocument,
  DocumentProjection,
  ListEntry,
  listTerm,
} from './read-model';
import { SCHOOL_BALANCE_EVENT_TYPES, schoolBalanceProjection } from './school-balance.projection';

export const PROGRAMME_YEAR_COLLECTION = 'programme_year';

export type PartyKind = 'enterprise' | 'school';

/** The figures of the programme-year report (issue #14), integer fen. */
export interface ProgrammeYearFigures {
  approvedFen: number;
  paidFen: number;
  returnedFen: number;
  dueBackFen: number;
  recoveredFen: number;
}

/**
 * One party's figures in one programme and fiscal year. `partyKind` is null
 * for a return whose event names no payee (the shape before payees were
 * named on returns): it counts in its programme and the totals, under its
 * tranche.
 */
export interface ProgrammeYearPartyDoc extends ProgrammeYearFigures {
  doc: 'party';
  fiscalYear: number;
  partyKind: PartyKind | null;
  partyId: string;
  programme: Programme;
}

/**
 * The year's recoveries and remittances (remittances name neither a party
 * nor a programme; the query allocates them, see `allocateRemittances`).
 */
export interface ProgrammeYearLedgerDoc {
  doc: 'year';
  fiscalYear: number;
  /** Recoveries received in this year, in log order. */
  recoveries: {
    position: number;
    partyKind: PartyKind;
    partyId: string;
    programme: Programme;
    amountFen: number;
  }[];
  /** Remittances of this year's recoveries (`fiscalYear` of the event), in log order. */
  remittancesOfYear: { position: number; remittedOn: string; amountFen: number }[];
  /** Fiscal years whose recoveries were remitted by a remittance dated in this year. */
  remittedFiscalYears: number[];
  /** Remitted by remittances dated in this year. */
  remittedFen: number;
}

export type ProgrammeYearDoc = ProgrammeYearPartyDoc | ProgrammeYearLedgerDoc;

type Figure = keyof ProgrammeYearFigures;

/** One signed movement the report counts: what, for whom, in which year. */
interface Movement {
  fiscalYear: number;
  partyKind: PartyKind | null;
  partyId: string;
  programme: Programme;
  figure: Figure;
  amountFen: number;
}

const FIGURE_OF_BALANCE_KIND: Record<string, Figure> = {
  approved: 'approvedFen',
  disbursed: 'paidFen',
  clawbackDue: 'dueBackFen',
  recovered: 'recoveredFen',
};

export const yearDocId = (fiscalYear: number) => String(fiscalYear);
export const partyDocId = (
  m: Pick<Movement, 'fiscalYear' | 'partyKind' | 'partyId' | 'programme'>,
) => `${m.fiscalYear}|${m.partyKind ?? '-'}|${m.partyId}|${m.programme}`;

/** The index of a year's party documents: one range of ids per year. */
export const programmeYearTerm = (fiscalYear: number) =>
  listTerm({ fiscalYear: String(fiscalYear) });

/**
 * The movements of an event, in the balances' own terms (the enterprise and
 * school balance projections say what is approved, paid, due back and
 * recovered, and on which date), so the report and the balances cannot
 * disagree; returns (退票) are read from any `…DisbursementReturned` event.
 */
export function programmeYearMovements(event: RecordedEvent): Movement[] {
  const movements: Movement[] = [];
  // ADR 0021: an earlier year's payment that came back stays paid in its year;
  // this year shows it as returned, never as negative paid.
  const keepsPaid = event.type.endsWith('DisbursementReturned') && earlierYearReturn(event);
  for (const op of enterpriseBalanceProjection.project(event)) {
    const r = op.row;
    if (keepsPaid && r.kind === 'disbursed') continue;
    movements.push({
      fiscalYear: fiscalYearOf(r.businessDate),
      partyKind: 'enterprise',
      partyId: r.enterpriseId,
      programme: r.programme as Programme,
      figure: FIGURE_OF_BALANCE_KIND[r.kind],
      amountFen: r.amountFen,
    });
  }
  for (const op of schoolBalanceProjection.project(event)) {
    const r = op.row;
    if (keepsPaid && r.kind === 'disbursed') continue;
    movements.push({
      fiscalYear: fiscalYearOf(r.businessDate),
      partyKind: 'school',
      partyId: r.schoolId,
      programme: r.programme as Programme,
      figure: FIGURE_OF_BALANCE_KIND[r.kind],
      amountFen: r.amountFen,
    });
  }
  const returned = returnMovement(event);
  if (returned) movements.push(returned);
  return movements;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const earlierYearReturn = (event: RecordedEvent): boolean => {
  const returnedOn = str(event.data['returnedOn']);
  return (
    returnedOn !== undefined &&
    isEarlierYearReturn({ paidOn: str(event.data['paidOn']), returnedOn })
  );
};

/**
 * A payment the bank sent back, by the date it came back. Seat returns are
 * `DisbursementReturned`, site `SiteDisbursementReturned` (with the site's
 * `kind`), internship `InternshipDisbursementReturned`; the payee is the
 * event's `enterpriseId` or `schoolId`.
 */
function returnMovement(event: RecordedEvent): Movement | undefined {
  if (!event.type.endsWith('DisbursementReturned')) return undefined;
  const d = event.data;
  const trancheId = str(d['trancheId']);
  const returnedOn = str(d['returnedOn']);
  const amountFen = d['amountFen'];
  if (!trancheId || !returnedOn || typeof amountFen !== 'number') return undefined;
  const programme = returnedProgramme(event.type, str(d['kind']), trancheId);
  if (!programme) return undefined;
  const enterpriseId = str(d['enterpriseId']);
  const schoolId = str(d['schoolId']);
  return {
    fiscalYear: fiscalYearOf(returnedOn),
    partyKind: enterpriseId ? 'enterprise' : schoolId ? 'school' : null,
    partyId: enterpriseId ?? schoolId ?? trancheId,
    programme,
    figure: 'returnedFen',
    amountFen,
  };
}

function returnedProgramme(
  type: string,
  siteKind: string | undefined,
  trancheId: string,
): Programme | undefined {
  if (type.startsWith('Site')) {
    return siteKind === 'lease' || siteKind === 'renovation' || siteKind === 'purchase'
      ? siteProgrammeOf(siteKind)
      : undefined;
  }
  if (type.startsWith('Internship')) return 'internship';
  // `DisbursementReturned` is the seat subsidy's; a bare one is placed by its tranche id.
  const ref = trancheRefOf(trancheId);
  if (ref?.programme === 'internship') return 'internship';
  return ref?.programme === 'site' ? undefined : 'seat';
}

function documentIdsOf(event: RecordedEvent): string[] {
  const ids = new Set<string>();
  for (const m of programmeYearMovements(event)) {
    ids.add(partyDocId(m));
    if (m.figure === 'recoveredFen') ids.add(yearDocId(m.fiscalYear));
  }
  const e = asLedgerEvent(event);
  if (e?.type === 'RemittanceRecorded') {
    ids.add(yearDocId(e.data.fiscalYear));
    ids.add(yearDocId(fiscalYearOf(e.data.remittedOn)));
  }
  return [...ids];
}

const emptyYear = (fiscalYear: number): ProgrammeYearLedgerDoc => ({
  doc: 'year',
  fiscalYear,
  recoveries: [],
  remittancesOfYear: [],
  remittedFiscalYears: [],
  remittedFen: 0,
});

function evolveYear(
  current: ProgrammeYearLedgerDoc | undefined,
  event: RecordedEvent,
  fiscalYear: number,
): ProgrammeYearLedgerDoc | undefined {
  const doc = current ? cloneDocument(current) : emptyYear(fiscalYear);
  let changed = false;
  for (const m of programmeYearMovements(event)) {
    if (m.figure !== 'recoveredFen' || m.fiscalYear !== fiscalYear || m.partyKind === null) {
      continue;
    }
    doc.recoveries.push({
      position: event.position,
      partyKind: m.partyKind,
      partyId: m.partyId,
      programme: m.programme,
      amountFen: m.amountFen,
    });
    changed = true;
  }
  const e = asLedgerEvent(event);
  if (e?.type === 'RemittanceRecorded') {
    const remittedIn = fiscalYearOf(e.data.remittedOn);
    if (e.data.fiscalYear === fiscalYear) {
      doc.remittancesOfYear.push({
        position: event.position,
        remittedOn: e.data.remittedOn,
        amountFen: e.data.amountFen,
      });
      changed = true;
    }
    if (remittedIn === fiscalYear) {
      doc.remittedFen += e.data.amountFen;
      if (!doc.remittedFiscalYears.includes(e.data.fiscalYear)) {
        doc.remittedFiscalYears.push(e.data.fiscalYear);
      }
      changed = true;
    }
  }
  return changed ? doc : current;
}

function evolveParty(
  current: ProgrammeYearPartyDoc | undefined,
  event: RecordedEvent,
  id: string,
): ProgrammeYearPartyDoc | undefined {
  const mine = programmeYearMovements(event).filter((m) => partyDocId(m) === id);
  if (mine.length === 0) return current;
  const doc: ProgrammeYearPartyDoc = current
    ? cloneDocument(current)
    : {
        doc: 'party',
        fiscalYear: mine[0].fiscalYear,
        partyKind: mine[0].partyKind,
        partyId: mine[0].partyId,
        programme: mine[0].programme,
        approvedFen: 0,
        paidFen: 0,
        returnedFen: 0,
        dueBackFen: 0,
        recoveredFen: 0,
      };
  for (const m of mine) doc[m.figure] += m.amountFen;
  return doc;
}

/**
 * `GET /v1/reports/programme-year` (issue #14): per fiscal year, party and
 * programme, approved by the decision date (less withdrawals on theirs),
 * paid and returned by the payment's and the return's dates (a return of an
 * earlier year's payment is returned in its year, not negative paid: ADR
 * 0021), due back by
 * the finding's date, recovered by the date received; and per year the
 * recoveries and remittances the query allocates remitted money from.
 * Listed by year (ADR 0017 index entries), so a year is one range of ids.
 */
export const programmeYearProjection: DocumentProjection<ProgrammeYearDoc> = {
  kind: 'document',
  name: 'programme-year',
  version: 1,
  collection: PROGRAMME_YEAR_COLLECTION,
  // What the two balances answer and the remittances (`documentIdsOf`).
  // `returnMovement` reads any type ending in `DisbursementReturned`: the
  // three the ledger writes are the balances' too; one of a later build
  // would be met by the replay's probes (`EventTypeRoutes`).
  eventTypes: [
    ...new Set([...ENTERPRISE_BALANCE_EVENT_TYPES, ...SCHOOL_BALANCE_EVENT_TYPES]),
    'RemittanceRecorded',
  ],
  documentIds: documentIdsOf,
  evolve(current, event, id = documentIdsOf(event)[0] ?? '') {
    if (!id.includes('|')) {
      return evolveYear(current as ProgrammeYearLedgerDoc | undefined, event, Number(id));
    }
    return evolveParty(current as ProgrammeYearPartyDoc | undefined, event, id);
  },
  listing(doc: ProgrammeYearDoc): readonly ListEntry[] {
    if (doc.doc !== 'party') return [];
    return [
      {
        term: programmeYearTerm(doc.fiscalYear),
        sortKey: `${doc.partyKind ?? '-'}|${doc.partyId}|${doc.programme}`,
      },
    ];
  },
};
