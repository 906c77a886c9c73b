import { conflict, ruleConflict } from '../shared/ledger-error';
import {
  BankReferenceEvent,
  BankReferenceKind,
  BankReferenceUse,
  PaymentUse,
} from './bank-reference.events';

export * from './bank-reference.events';

export interface BankReferenceState {
  /** The live use: absent when never used, or when its last use was released. */
  used?: BankReferenceUse;
  /** The live use is claimed and not yet settled (confirmed or released). */
  open?: boolean;
}

export const kindOf = (use: BankReferenceUse): BankReferenceKind => use.kind ?? 'payment';

/** The payment or recovery a use backs. */
export const useIdOf = (use: BankReferenceUse): string =>
  use.kind === 'recovery'
    ? use.recoveryId
    : use.kind === 'return'
      ? use.processId
      : use.disbursementId;

export function evolveBankReference(
  state: BankReferenceState,
  event: BankReferenceEvent,
): BankReferenceState {
  switch (event.type) {
    case 'BankReferenceUsed':
      return { used: event.data, open: event.data.processId !== undefined };
    case 'BankReferenceConfirmed':
      return state.used?.processId === event.data.processId ? { ...state, open: false } : state;
    case 'BankReferenceReleased':
      return state.used?.processId === event.data.processId ? {} : state;
    default:
      return state;
  }
}

/** The same transfer presented again: same subject, amount and date. */
function sameClaim(used: BankReferenceUse, cmd: BankReferenceUse): boolean {
  if (used.kind === 'recovery' || cmd.kind === 'recovery') {
    return (
      used.kind === 'recovery' &&
      cmd.kind === 'recovery' &&
      used.caseId === cmd.caseId &&
      used.amountFen === cmd.amountFen &&
      used.receivedOn === cmd.receivedOn
    );
  }
  if (used.kind === 'return' || cmd.kind === 'return') {
    return (
      used.kind === 'return' &&
      cmd.kind === 'return' &&
      used.disbursementId === cmd.disbursementId &&
      used.returnedOn === cmd.returnedOn
    );
  }
  const u: PaymentUse = used;
  return u.trancheId === cmd.trancheId && u.amountFen === cmd.amountFen && u.paidOn === cmd.paidOn;
}

function alreadyUsed(used: BankReferenceUse, cmd: BankReferenceUse) {
  const was = kindOf(used);
  const wanted = kindOf(cmd);
  const what = was === wanted ? `another ${was}` : `a ${was}`;
  const message = `bank reference ${cmd.bankRef} is already recorded for ${what}: one transfer is counted once`;
  // A payment's refusal keeps the shape it always had (rule in details).
  return wanted !== 'recovery'
    ? conflict(message, { rule: 'R-PAY', usedFor: was })
    : ruleConflict('R-FRAUD', message, { usedFor: was });
}

/**
 * Claim the reference for a payment (R-PAY) or a recovery (R-FRAUD): a
 * reference is used once across both. A reference claimed for the same
 * subject, amount and date but not yet settled (a crash between the claim and
 * the payment) is resumed with its first id instead of refused; so is an
 * older use (without a process id) whose tranche was never paid. Returns the
 * id of the payment (or recovery) the reference backs.
 */
export function decideUseBankReference(
  state: BankReferenceState,
  cmd: BankReferenceUse,
  trancheAlreadyPaidWith: string | undefined,
): { events: BankReferenceEvent[]; disbursementId: string } {
  const used = state.used;
  if (!used) {
    return {
      events: [{ type: 'BankReferenceUsed', data: cmd }],
      disbursementId: useIdOf(cmd),
    };
  }
  const resumable =
    used.processId === undefined ? trancheAlreadyPaidWith === undefined : state.open === true;
  if (resumable && sameClaim(used, cmd)) return { events: [], disbursementId: useIdOf(used) };
  throw alreadyUsed(used, cmd);
}

/**
 * End the use `processId` (ADR 0002): confirmed when its payment or recovery
 * was recorded, released when it was refused, so that the reference is free
 * again. Settling twice (the request and recovery both finishing) writes once.
 */
export function decideSettleBankReference(
  state: BankReferenceState,
  outcome: { processId: string; recorded: boolean; reason: string },
): BankReferenceEvent[] {
  const used = state.used;
  if (!used || !state.open || used.processId !== outcome.processId) return [];
  const ref = { bankRef: used.bankRef, processId: outcome.processId, kind: kindOf(used) };
  return outcome.recorded
    ? [{ type: 'BankReferenceConfirmed', data: ref }]
    : [{ type: 'BankReferenceReleased', data: { ...ref, reason: outcome.reason } }];
}
