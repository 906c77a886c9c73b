import {
  applicationIdOfClaim,
  CaseState,
  checkFalseClaim,
  checkFalseInternshipTranche,
  checkFalseSiteTranche,
  FalseClaimRef,
  FalseTrancheRef,
  notFound,
  ruleViolation,
  SeatApplicationState,
  seatTrancheNamedRefusal,
  siteProgrammeOf,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { LedgerDeps } from '../ledger-deps';
import { loadStream } from '../stream-command';
import { internshipFold, seatApplicationFold, siteFold } from '../stream-decider';

/** What a finding names, checked on the streams that hold it against the case's party (R-FRAUD). */
export async function falseClaimRefs(
  deps: LedgerDeps,
  c: CaseState,
  claimIds: readonly string[],
): Promise<FalseClaimRef[]> {
  const apps = new Map<string, SeatApplicationState>();
  const claims: FalseClaimRef[] = [];
  for (const claimId of claimIds) {
    const applicationId = applicationIdOfClaim(claimId);
    if (!applicationId) throw notFound(`claim ${claimId}`);
    let app = apps.get(applicationId);
    if (!app) {
      app = (
        await loadStream(deps.store, streams.seatApplication(applicationId), seatApplicationFold)
      ).state;
      apps.set(applicationId, app);
    }
    const claim = checkFalseClaim(app, claimId, c.enterpriseId);
    claims.push({
      claimId,
      applicationId,
      personKey: claim.personKey,
      personIdMasked: claim.personIdMasked,
    });
  }
  return claims;
}

/** Site and internship tranches, checked on their streams against the case's party (falseTrancheRule). */
export async function falseTrancheRefs(
  deps: LedgerDeps,
  c: CaseState,
  trancheIds: readonly string[],
): Promise<FalseTrancheRef[]> {
  const refs: FalseTrancheRef[] = [];
  for (const trancheId of trancheIds) {
    const ref = trancheRefOf(trancheId);
    if (!ref) throw notFound(`tranche ${trancheId}`);
    if (ref.programme === 'seat') {
      const refusal = seatTrancheNamedRefusal(trancheId);
      throw ruleViolation(refusal.rule, refusal.reason);
    }
    if (ref.programme === 'site') {
      const { state } = await loadStream(deps.store, streams.site(ref.siteId), siteFold);
      checkFalseSiteTranche(state, trancheId, c.party);
      refs.push({ trancheId, programme: siteProgrammeOf(state.kind), applicationId: ref.siteId });
    } else {
      const { state } = await loadStream(
        deps.store,
        streams.internshipApplication(ref.applicationId),
        internshipFold,
      );
      checkFalseInternshipTranche(state, trancheId, c.party);
      refs.push({ trancheId, programme: 'internship', applicationId: ref.applicationId });
    }
  }
  return refs;
}
