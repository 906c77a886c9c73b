import { BusinessDate } from '../shared/business-date';
import { FalseTrancheOutcome } from '../case/case.events';
import {
  checkFalseTranche,
  falseTrancheDecision,
  falseTrancheOutcomeOf,
} from '../tranche/false-tranche';
import { SiteEvent, siteProgrammeOf } from './site.events';
import { requireSiteTranche } from './site.guards';
import { SiteState, SiteTrancheState } from './site.state';

/** Before a finding is recorded: the site tranche is the case enterprise's, approved, not false yet. */
export function checkFalseSiteTranche(
  state: SiteState,
  trancheId: string,
  caseParty: { kind: 'enterprise' | 'school'; id: string },
): SiteTrancheState {
  const t = requireSiteTranche(state, trancheId);
  checkFalseTranche(
    {
      trancheId,
      payee: { kind: 'enterprise', id: state.enterpriseId },
      status: t.status,
      foundFalse: t.foundFalse,
    },
    caseParty,
  );
  return t;
}

export interface FindSiteTrancheFalseCommand {
  caseId: string;
  findingId: string;
  trancheId: string;
  foundOn: BusinessDate;
}

/**
 * A step of a finding (R-FRAUD amended), idempotent: the site tranche is
 * false; unpaid, it is cancelled; paid, its payment is due back.
 */
export function decideFindSiteTrancheFalse(
  state: SiteState,
  cmd: FindSiteTrancheFalseCommand,
): SiteEvent[] {
  const t = requireSiteTranche(state, cmd.trancheId);
  const decided = falseTrancheDecision(t);
  if (!decided) return [];
  return [
    {
      type: 'SiteTrancheFoundFalse',
      data: {
        siteId: state.siteId,
        enterpriseId: state.enterpriseId,
        kind: state.kind,
        ...cmd,
        ...decided,
      },
    },
  ];
}

/** What a finding did to the site tranche, read back after its step. */
export function falseSiteTrancheOutcome(
  state: SiteState,
  trancheId: string,
  by: { caseId: string; findingId: string },
): FalseTrancheOutcome {
  const t = requireSiteTranche(state, trancheId);
  return falseTrancheOutcomeOf(
    t,
    { trancheId, programme: siteProgrammeOf(state.kind), applicationId: state.siteId },
    by,
  );
}
