import { Refusal, refuse } from './refusal';

/**
 * R-SOD (Art. 12, "Segregation of duties" in RULES.md): whoever reviewed an
 * application may not approve its tranches or record its payments. The id is
 * the ledger's own; RULES.md states the rule without one.
 */
export function segregationOfDutiesRule(
  actorId: string,
  reviewerIds: readonly string[],
  action: 'approve tranches' | 'record payments',
): Refusal | undefined {
  if (!reviewerIds.includes(actorId)) return undefined;
  return refuse('R-SOD', `${actorId} reviewed this application and may not ${action} for it`);
}
