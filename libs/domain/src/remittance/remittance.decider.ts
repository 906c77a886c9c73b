import { remittanceRule } from '../rules/remittance.rule';
import { BusinessDate } from '../shared/business-date';
import { conflict, ruleViolation } from '../shared/ledger-error';
import { Fen } from '../shared/money';

/** `remittances-{fiscalYear}`: what was remitted to the treasury (缴库) for a year, with its reference. */
export type RemittanceEvent = {
  type: 'RemittanceRecorded';
  data: {
    remittanceId: string;
    fiscalYear: number;
    remittedOn: BusinessDate;
    amountFen: Fen;
    treasuryRef: string;
    recordedBy: string;
  };
};

export const REMITTANCE_EVENT_TYPES: readonly RemittanceEvent['type'][] = ['RemittanceRecorded'];

export interface RemittancesState {
  remittedFen: Fen;
  refs: Set<string>;
}

export const initialRemittancesState = (): RemittancesState => ({
  remittedFen: 0,
  refs: new Set(),
});

export function evolveRemittances(
  state: RemittancesState,
  event: RemittanceEvent,
): RemittancesState {
  return {
    remittedFen: state.remittedFen + event.data.amountFen,
    refs: new Set(state.refs).add(event.data.treasuryRef),
  };
}

/**
 * Record a remittance: never more than recovered in the year and not yet
 * remitted (`recoveredFen` only grows, so a lagging figure only refuses more);
 * a treasury reference counts once.
 */
export function decideRecordRemittance(
  state: RemittancesState,
  cmd: RemittanceEvent['data'],
  recoveredFen: Fen,
): RemittanceEvent[] {
  if (state.refs.has(cmd.treasuryRef)) {
    throw conflict(`treasury reference ${cmd.treasuryRef} is already recorded`);
  }
  const refusal = remittanceRule(recoveredFen, state.remittedFen, cmd.amountFen, cmd.fiscalYear);
  if (refusal) throw ruleViolation(refusal.rule, refusal.reason);
  return [{ type: 'RemittanceRecorded', data: cmd }];
}
