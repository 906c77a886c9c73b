import {
  decideConfirmSpecialTerms,
  decideProposeSpecialTerms,
  EffectivePolicy,
  policyFor,
  ProposeSpecialTermsCommand,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { loadStream, runOnStream } from '../stream-command';
import { enterpriseFold } from '../stream-decider';

/**
 * R-POL and R-SPECIAL: the parameters a decision about an enterprise uses on
 * a business date (the version in force, overlaid with its confirmed special
 * terms), read from the enterprise's own stream.
 */
export async function enterprisePolicy(
  deps: LedgerDeps,
  enterpriseId: string,
  date: string,
): Promise<EffectivePolicy> {
  const { state } = await loadStream(deps.store, streams.enterprise(enterpriseId), enterpriseFold);
  return policyFor(deps.policies, state, date);
}

export interface SpecialTermsResult {
  termsId: string;
  status: 'proposed' | 'confirmed';
}

/** R-SPECIAL: a reviewer proposes special terms (one append on the enterprise stream). */
export async function proposeSpecialTerms(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<ProposeSpecialTermsCommand, 'proposedBy'>,
): Promise<Written<SpecialTermsResult>> {
  const policy = deps.policies.inForceOn(cmd.proposedOn);
  const r = await runOnStream(
    deps.store,
    streams.enterprise(cmd.enterpriseId),
    enterpriseFold,
    (s) => decideProposeSpecialTerms(s, { ...cmd, proposedBy: ctx.actorId }, policy),
    () => metadataFor(ctx, cmd.proposedOn, policy.id),
  );
  return { result: { termsId: cmd.termsId, status: 'proposed' }, position: r.position };
}

/** R-SPECIAL: finance confirms them; the proposer may not (403). */
export async function confirmSpecialTerms(
  deps: LedgerDeps,
  ctx: CommandContext,
  enterpriseId: string,
  cmd: { termsId: string; confirmedOn: string },
): Promise<Written<SpecialTermsResult>> {
  const r = await runOnStream(
    deps.store,
    streams.enterprise(enterpriseId),
    enterpriseFold,
    (s) => decideConfirmSpecialTerms(s, { ...cmd, confirmedBy: ctx.actorId }),
    () => metadataFor(ctx, cmd.confirmedOn),
  );
  return { result: { termsId: cmd.termsId, status: 'confirmed' }, position: r.position };
}
