import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';

/** The programmes a budget is appropriated for: the balance programmes of API.md. */
export type BudgetProgramme =
  'seat' | 'siteLease' | 'siteRenovation' | 'sitePurchase' | 'internship';

export const BUDGET_PROGRAMMES: readonly BudgetProgramme[] = [
  'seat',
  'siteLease',
  'siteRenovation',
  'sitePurchase',
  'internship',
];

/** Why a commitment went back to the budget. */
export type BudgetReleaseCause =
  /** The approval that committed it was refused after the commitment (a race, a suspension). */
  | { kind: 'approval-refused'; id: string }
  /** The tranche was found false (R-FRAUD) or withdrawn from its notice (R-PUB). */
  | { kind: 'tranche-cancelled'; id: string }
  /**
   * A finding made a paid tranche (or a paid claim's share) due back (issue
   * #14): what was paid and is now due back leaves the commitment and the
   * budget's paid figure. `id` is the finding; `paidOn` the day of the
   * payment clawed back (absent on events written before it was kept), so
   * paid comes down in the budget of the payment's year, and only while the
   * finding is in that year (ADR 0021).
   */
  | { kind: 'clawback'; id: string; paidOn?: BusinessDate };

/**
 * `budget-{programme}-{fiscalYear}`: one stream per appropriation, so R-BUDGET
 * is an append at an expected revision on every backend, like a person's cap
 * (ADR 0002, ADR 0019).
 */
export type BudgetEvent =
  | {
      type: 'BudgetAppropriated';
      data: {
        budgetId: string;
        programme: BudgetProgramme;
        fiscalYear: number;
        amountFen: Fen;
        documentRef: string;
        recordedBy: string;
      };
    }
  | {
      type: 'BudgetAdjusted';
      data: {
        budgetId: string;
        adjustmentId: string;
        decidedOn: BusinessDate;
        /** Signed: a supplementary appropriation is positive, a cut negative. */
        amountFen: Fen;
        documentRef: string;
        reason: string;
        recordedBy: string;
      };
    }
  | {
      type: 'BudgetCommitted';
      data: {
        budgetId: string;
        commitmentId: string;
        trancheId: string;
        /** The most the tranche can approve; settled to what it approved. */
        amountFen: Fen;
        committedOn: BusinessDate;
      };
    }
  | {
      type: 'BudgetCommitmentSettled';
      data: {
        budgetId: string;
        commitmentId: string;
        trancheId: string;
        /** What the tranche approved; the rest of the commitment goes back. */
        amountFen: Fen;
      };
    }
  | {
      type: 'BudgetCommitmentReleased';
      data: {
        budgetId: string;
        commitmentId: string;
        trancheId: string;
        /** What goes back to the budget (all of the commitment, or a withdrawn claim's part). */
        amountFen: Fen;
        releasedOn: BusinessDate;
        cause: BudgetReleaseCause;
      };
    };

export const BUDGET_EVENT_TYPES: readonly BudgetEvent['type'][] = [
  'BudgetAppropriated',
  'BudgetAdjusted',
  'BudgetCommitted',
  'BudgetCommitmentSettled',
  'BudgetCommitmentReleased',
];

/** `seat-2026`: one budget per programme and fiscal year, named without a lookup. */
export function budgetIdOf(programme: BudgetProgramme, fiscalYear: number): string {
  return `${programme}-${fiscalYear}`;
}

export function parseBudgetId(
  budgetId: string,
): { programme: BudgetProgramme; fiscalYear: number } | undefined {
  const m = /^([a-zA-Z]+)-(\d{4})$/.exec(budgetId);
  if (!m || !(BUDGET_PROGRAMMES as readonly string[]).includes(m[1])) return undefined;
  return { programme: m[1] as BudgetProgramme, fiscalYear: Number(m[2]) };
}

/** The fiscal year of a decision: the calendar year (《预算法》第十八条). */
export function fiscalYearOf(date: BusinessDate): number {
  return Number(date.slice(0, 4));
}
