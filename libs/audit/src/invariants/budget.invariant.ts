import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fen, Invariant, ReportViolation, str } from './invariant';

interface BudgetTotals {
  appropriatedFen: number;
  committedFen: number;
  /** What each tranche's commitment holds now. */
  held: Map<string, number>;
}

/**
 * R-BUDGET (ADR 0019): per programme and fiscal year, what tranche approvals
 * have committed never exceeds what was appropriated with its adjustments,
 * after every commitment and every adjustment; no commitment is made on a
 * budget never appropriated. Recomputed from the amounts the events carry,
 * not from the decider's state. State: per budget, its totals and what each
 * tranche holds.
 */
export class BudgetInvariant implements Invariant {
  readonly name = 'budget';
  readonly rules = ['R-BUDGET'];
  private readonly budgets = new Map<string, BudgetTotals>();

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    const budgetId = str(d['budgetId']);
    if (budgetId === undefined || !event.type.startsWith('Budget')) return;
    let b = this.budgets.get(budgetId);
    switch (event.type) {
      case 'BudgetAppropriated':
        this.budgets.set(budgetId, {
          appropriatedFen: fen(d['amountFen']),
          committedFen: b?.committedFen ?? 0,
          held: b?.held ?? new Map(),
        });
        return;
      case 'BudgetAdjusted':
        if (!b)
          return report('R-BUDGET', `budget ${budgetId} is adjusted before it was appropriated`);
        b.appropriatedFen += fen(d['amountFen']);
        break;
      case 'BudgetCommitted':
      case 'BudgetCommitmentSettled':
      case 'BudgetCommitmentReleased': {
        if (!b) {
          report('R-BUDGET', `budget ${budgetId} is committed before it was appropriated`);
          b = { appropriatedFen: 0, committedFen: 0, held: new Map() };
          this.budgets.set(budgetId, b);
        }
        const trancheId = str(d['trancheId']) ?? '';
        const before = b.held.get(trancheId) ?? 0;
        const amount = fen(d['amountFen']);
        // A commitment and a settlement state what the tranche holds; a release what goes back.
        const after = event.type === 'BudgetCommitmentReleased' ? before - amount : amount;
        if (after < 0)
          report('R-BUDGET', `tranche ${trancheId} releases more of ${budgetId} than it held`);
        b.held.set(trancheId, after);
        b.committedFen += after - before;
        break;
      }
      default:
        return;
    }
    if (b.committedFen > b.appropriatedFen) {
      report(
        'R-BUDGET',
        `budget ${budgetId} has ${b.committedFen} fen committed, more than the ${b.appropriatedFen} fen appropriated`,
      );
    }
  }
}
