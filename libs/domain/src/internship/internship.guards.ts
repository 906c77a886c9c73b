// The checks the internship command groups share, so that they refuse alike.
import { notFound } from '../shared/ledger-error';
import { InternshipState, InternshipTrancheState } from './internship.state';

export function requireInternshipTranche(
  state: InternshipState,
  trancheId: string,
): InternshipTrancheState {
  const t = state.tranche;
  if (!state.exists || !t || t.trancheId !== trancheId) throw notFound(`tranche ${trancheId}`);
  return t;
}
