import { randomUUID } from 'node:crypto';
import {
  CaseParty,
  ClearanceAction,
  decideClearEnterpriseTranche,
  decideClearSchoolTranche,
  EnterpriseState,
  SchoolState,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { LoadedStream, runOnStream } from '../stream-command';
import { enterpriseFold, schoolFold } from '../stream-decider';

export interface TrancheClearance {
  clearanceId: string;
  position: number | undefined;
}

/**
 * R-FRAUD, no race window (ADR 0014): before an approval or payment is
 * recorded on its tranche's stream, it clears itself on its party's stream,
 * at the revision it reads the party's standing at (423 when suspended). The
 * event it then writes names the clearance; a suspension in between revokes
 * it on the tranche's stream, so that event is refused instead of landing
 * after the suspension. Each attempt gets a fresh clearance id.
 */
export async function clearTranche(
  deps: LedgerDeps,
  ctx: CommandContext,
  party: CaseParty,
  cmd: { action: ClearanceAction; trancheId: string; on: string },
  /** The party's stream as the caller just read it (its fold matching the party's kind). */
  partyReadJustNow?: LoadedStream<EnterpriseState> | LoadedStream<SchoolState>,
): Promise<TrancheClearance> {
  const grant = {
    clearanceId: randomUUID(),
    action: cmd.action,
    trancheId: cmd.trancheId,
    grantedOn: cmd.on,
  };
  const meta = () => metadataFor(ctx, cmd.on, undefined, cmd.trancheId);
  const written =
    party.kind === 'enterprise'
      ? await runOnStream(
          deps.store,
          streams.enterprise(party.id),
          enterpriseFold,
          (s) => decideClearEnterpriseTranche(s, grant),
          meta,
          partyReadJustNow as LoadedStream<EnterpriseState> | undefined,
        )
      : await runOnStream(
          deps.store,
          streams.school(party.id),
          schoolFold,
          (s) => decideClearSchoolTranche(s, grant),
          meta,
          partyReadJustNow as LoadedStream<SchoolState> | undefined,
        );
  return { clearanceId: grant.clearanceId, position: written.position };
}
