import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  budgetIdOf,
  BudgetProgramme,
  BudgetReleaseCause,
  fiscalYearOf,
  isEarlierYearReturn,
  parseBudgetId,
  siteProgrammeOf,
} from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';

export const BUDGET_COLLECTION = 'budget';

export interface BudgetMonthFigures {
  committedFen: number;
  paidFen: number;
}

/**
 * `GET /v1/budgets`, `GET /v1/reports/budget-execution` (ADR 0019): one
 * appropriation, what is committed on it (by the month of the decision) and
 * what was paid in its programme and year (by the month of payment:
 * 预算执行 counts payments made in the fiscal year; a payment of the same
 * year the bank sent back (退票) comes off in the month it came back; one of
 * an earlier year stays paid in its year and is counted here as
 * `earlierYearsReturnedFen`, so paid is never below zero: ADR 0021).
 */
export interface BudgetView {
  budgetId: string;
  programme: BudgetProgramme;
  fiscalYear: number;
  /** False while only payments were seen (a year paid before budgets were kept). */
  recorded: boolean;
  documentRef?: string;
  appropriatedFen: number;
  committedFen: number;
  paidFen: number;
  /** Payments of earlier fiscal years that came back (退票) in this one (以前年度支出收回). */
  earlierYearsReturnedFen: number;
  adjustments: {
    adjustmentId: string;
    decidedOn: string;
    amountFen: number;
    documentRef: string;
    reason: string;
  }[];
  /** `MM` → figures; committed by the commitment's month, paid by the payment's. */
  months: Record<string, BudgetMonthFigures>;
}

/**
 * A tranche's commitment, a document of its own beside its budget's
 * (`{budgetId}/commitment/{trancheId}`): kept in the budget's document, a
 * year's commitments made every budget event parse, copy and write them all
 * (ADR 0020 §22).
 */
export interface BudgetCommitmentView {
  budgetId: string;
  trancheId: string;
  /** `MM` of the decision: the month its amount is committed in. */
  month: string;
  heldFen: number;
}

type BudgetDocument = BudgetView | BudgetCommitmentView;

const COMMITMENT_ID_PART = '/commitment/';

export const budgetCommitmentId = (budgetId: string, trancheId: string): string =>
  `${budgetId}${COMMITMENT_ID_PART}${trancheId}`;

const isCommitmentId = (id: string): boolean => id.includes(COMMITMENT_ID_PART);

const programmeOfPayment = (
  e: NonNullable<ReturnType<typeof asLedgerEvent>>,
): BudgetProgramme | undefined => {
  switch (e.type) {
    case 'TrancheDisbursed':
    case 'DisbursementReturned':
      return 'seat';
    case 'SiteTrancheDisbursed':
    case 'SiteDisbursementReturned':
      return siteProgrammeOf(e.data.kind);
    case 'InternshipTrancheDisbursed':
    case 'InternshipDisbursementReturned':
      return 'internship';
    default:
      return undefined;
  }
};

const empty = (budgetId: string): BudgetView => {
  const [programme, year] = budgetId.split('-');
  return {
    budgetId,
    programme: programme as BudgetProgramme,
    fiscalYear: Number(year),
    recorded: false,
    appropriatedFen: 0,
    committedFen: 0,
    paidFen: 0,
    earlierYearsReturnedFen: 0,
    adjustments: [],
    months: {},
  };
};

const month = (doc: BudgetView, mm: string): BudgetMonthFigures =>
  (doc.months[mm] ??= { committedFen: 0, paidFen: 0 });

export const budgetViewProjection: DocumentProjection<BudgetDocument> = {
  kind: 'document',
  name: 'budget-view',
  // 2: a return of an earlier year's payment is earlierYearsReturnedFen, not negative paid.
  // 3: a clawback lowers paid in the payment's year's budget, and only within that year.
  // 4: each commitment a document of its own (ADR 0020 §22).
  version: 4,
  collection: BUDGET_COLLECTION,
  eventTypes: [
    'BudgetAppropriated',
    'BudgetAdjusted',
    'BudgetCommitted',
    'BudgetCommitmentSettled',
    'BudgetCommitmentReleased',
    // Payments and returns (退票): the budget of their programme and year (`budgetIdOfEvent`).
    'TrancheDisbursed',
    'DisbursementReturned',
    'SiteTrancheDisbursed',
    'SiteDisbursementReturned',
    'InternshipTrancheDisbursed',
    'InternshipDisbursementReturned',
  ],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    const id = e && budgetIdOfEvent(e);
    if (!id) return [];
    // A clawback lowers paid where the payment was counted: its year's budget.
    const paidIn = e.type === 'BudgetCommitmentReleased' ? paidBudgetOfClawback(e.data) : undefined;
    const ids = paidIn && paidIn !== id ? [id, paidIn] : [id];
    const commitment = commitmentIdOfEvent(e);
    return commitment ? [...ids, commitment] : ids;
  },
  evolve(
    current: BudgetDocument | undefined,
    event: RecordedEvent,
    id?: string,
    before?: (otherId: string) => BudgetDocument | undefined,
  ) {
    const e = asLedgerEvent(event);
    const budgetId = e && (id ?? budgetIdOfEvent(e));
    if (!e || !budgetId) return current;
    if (isCommitmentId(budgetId)) {
      return evolveCommitment(current as BudgetCommitmentView | undefined, e);
    }
    const commitmentId = commitmentIdOfEvent(e);
    // What the tranche's commitment held before this event (the head moves by the difference).
    const commitmentOf = () =>
      commitmentId && before
        ? (before(commitmentId) as BudgetCommitmentView | undefined)
        : undefined;
    const doc = current ? cloneDocument(current as BudgetView) : empty(budgetId);
    switch (e.type) {
      case 'BudgetAppropriated':
        doc.recorded = true;
        doc.documentRef = e.data.documentRef;
        doc.appropriatedFen += e.data.amountFen;
        return doc;
      case 'BudgetAdjusted':
        doc.appropriatedFen += e.data.amountFen;
        doc.adjustments.push({
          adjustmentId: e.data.adjustmentId,
          decidedOn: e.data.decidedOn,
          amountFen: e.data.amountFen,
          documentRef: e.data.documentRef,
          reason: e.data.reason,
        });
        return doc;
      case 'BudgetCommitted':
        // A tranche commits again only once its last commitment lapsed (held nothing).
        return hold(doc, { month: e.data.committedOn.slice(5, 7), heldFen: 0 }, e.data.amountFen);
      case 'BudgetCommitmentSettled': {
        const c = commitmentOf();
        return c ? hold(doc, c, e.data.amountFen) : doc;
      }
      case 'BudgetCommitmentReleased': {
        const ofCommitment = budgetId === e.data.budgetId;
        const c = ofCommitment ? commitmentOf() : undefined;
        if (ofCommitment && !c) return doc;
        // A clawback releases money that was paid: it is no longer spent (issue #14),
        // in the budget of the payment's year, while the finding is in that year.
        if (e.data.cause.kind === 'clawback') {
          const paidIn = paidBudgetOfClawback(e.data);
          const lowersPaid =
            paidIn === undefined
              ? ofCommitment // written before paidOn was kept: as it was then
              : budgetId === paidIn && fiscalYearOf(e.data.releasedOn) === doc.fiscalYear;
          if (lowersPaid) {
            doc.paidFen -= e.data.amountFen;
            month(doc, e.data.releasedOn.slice(5, 7)).paidFen -= e.data.amountFen;
          }
        }
        return c ? hold(doc, c, c.heldFen - e.data.amountFen) : doc;
      }
      case 'TrancheDisbursed':
      case 'SiteTrancheDisbursed':
      case 'InternshipTrancheDisbursed':
        doc.paidFen += e.data.amountFen;
        month(doc, e.data.paidOn.slice(5, 7)).paidFen += e.data.amountFen;
        return doc;
      // 退票 reduces what was spent when the money comes back (the month and year of the return),
      // if it was spent in that year; an earlier year's payment stays in that year's figures.
      case 'DisbursementReturned':
      case 'SiteDisbursementReturned':
      case 'InternshipDisbursementReturned':
        if (isEarlierYearReturn(e.data)) {
          doc.earlierYearsReturnedFen = (doc.earlierYearsReturnedFen ?? 0) + e.data.amountFen;
          return doc;
        }
        doc.paidFen -= e.data.amountFen;
        month(doc, e.data.returnedOn.slice(5, 7)).paidFen -= e.data.amountFen;
        return doc;
      default:
        return current;
    }
  },
};

function budgetIdOfEvent(e: NonNullable<ReturnType<typeof asLedgerEvent>>): string | undefined {
  switch (e.type) {
    case 'BudgetAppropriated':
    case 'BudgetAdjusted':
    case 'BudgetCommitted':
    case 'BudgetCommitmentSettled':
    case 'BudgetCommitmentReleased':
      return e.data.budgetId;
    case 'TrancheDisbursed':
    case 'SiteTrancheDisbursed':
    case 'InternshipTrancheDisbursed':
      return budgetIdOf(programmeOfPayment(e)!, fiscalYearOf(e.data.paidOn));
    case 'DisbursementReturned':
    case 'SiteDisbursementReturned':
    case 'InternshipDisbursementReturned':
      return budgetIdOf(programmeOfPayment(e)!, fiscalYearOf(e.data.returnedOn));
    default:
      return undefined;
  }
}

/** The budget a clawed-back payment was counted in as paid (undefined: not a clawback, or no `paidOn`). */
function paidBudgetOfClawback(data: {
  budgetId: string;
  cause: BudgetReleaseCause;
}): string | undefined {
  if (data.cause.kind !== 'clawback' || !data.cause.paidOn) return undefined;
  const budget = parseBudgetId(data.budgetId);
  return budget && budgetIdOf(budget.programme, fiscalYearOf(data.cause.paidOn));
}

/** The tranche's commitment `c` now holds `heldFen`: the difference moves its month and the total. */
function hold(
  doc: BudgetView,
  c: Pick<BudgetCommitmentView, 'month' | 'heldFen'>,
  heldFen: number,
): BudgetView {
  const deltaFen = heldFen - c.heldFen;
  doc.committedFen += deltaFen;
  month(doc, c.month).committedFen += deltaFen;
  return doc;
}

/** The commitment's own document: its month, and what it holds after the event. */
function evolveCommitment(
  c: BudgetCommitmentView | undefined,
  e: NonNullable<ReturnType<typeof asLedgerEvent>>,
): BudgetCommitmentView | undefined {
  switch (e.type) {
    case 'BudgetCommitted':
      return {
        budgetId: e.data.budgetId,
        trancheId: e.data.trancheId,
        month: e.data.committedOn.slice(5, 7),
        heldFen: e.data.amountFen,
      };
    case 'BudgetCommitmentSettled':
      return c && { ...c, heldFen: e.data.amountFen };
    case 'BudgetCommitmentReleased':
      return c && { ...c, heldFen: c.heldFen - e.data.amountFen };
    default:
      return c;
  }
}

function commitmentIdOfEvent(e: NonNullable<ReturnType<typeof asLedgerEvent>>): string | undefined {
  switch (e.type) {
    case 'BudgetCommitted':
    case 'BudgetCommitmentSettled':
    case 'BudgetCommitmentReleased':
      return budgetCommitmentId(e.data.budgetId, e.data.trancheId);
    default:
      return undefined;
  }
}
