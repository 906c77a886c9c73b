import { Fen } from '../shared/money';
import { Refusal, refuse } from './refusal';

/**
 * R-BUDGET: a tranche approval commits budget of its programme and fiscal
 * year; what is committed never exceeds what is appropriated (the
 * appropriation with its adjustments). No budget recorded is no budget.
 */
export function budgetAvailableRule(
  budget: { exists: boolean; appropriatedFen: Fen; committedFen: Fen },
  requestedFen: Fen,
  what: { programme: string; fiscalYear: number },
): Refusal | undefined {
  if (!budget.exists) {
    return refuse(
      'R-BUDGET',
      `no budget is recorded for programme ${what.programme} in fiscal year ${what.fiscalYear}`,
    );
  }
  const availableFen = budget.appropriatedFen - budget.committedFen;
  if (requestedFen > availableFen) {
    return refuse(
      'R-BUDGET',
      `the ${what.programme} budget of fiscal year ${what.fiscalYear} has ${availableFen} fen available, ${requestedFen} fen asked`,
    );
  }
  return undefined;
}

/** R-BUDGET: an appropriation cut below what is already committed is refused. */
export function budgetAdjustmentRule(
  budget: { appropriatedFen: Fen; committedFen: Fen },
  amountFen: Fen,
): Refusal | undefined {
  const after = budget.appropriatedFen + amountFen;
  if (after < budget.committedFen) {
    return refuse(
      'R-BUDGET',
      `the adjustment leaves ${after} fen appropriated, below the ${budget.committedFen} fen already committed`,
    );
  }
  return undefined;
}
