import { BusinessDate } from '../shared/business-date';
import { invalidInput, notFound } from '../shared/ledger-error';

export type PayeeKind = 'enterprise' | 'school';

/** A payee's bank account as a reviewer verified it (issue #14). */
export type PayeeAccount = {
  accountId: string;
  payeeKind: PayeeKind;
  payeeId: string;
  accountName: string;
  accountNumber: string;
  bankName: string;
  /** CNAPS (大额支付系统行号): 12 digits. */
  bankCode: string;
  verifiedOn: BusinessDate;
  verifiedBy: string;
};

/**
 * `payee-accounts-{kind}-{id}`: the accounts of one enterprise or school, in
 * the order they were verified. A change is a new account; the old one stays,
 * so which account a payment went to is never rewritten (a batch item names
 * its `accountId`).
 */
export type PayeeAccountEvent = { type: 'PayeeAccountVerified'; data: PayeeAccount };

export const PAYEE_ACCOUNT_EVENT_TYPES: readonly PayeeAccountEvent['type'][] = [
  'PayeeAccountVerified',
];

export interface PayeeAccountsState {
  accounts: PayeeAccount[];
}

export const initialPayeeAccountsState = (): PayeeAccountsState => ({ accounts: [] });

export function evolvePayeeAccounts(
  state: PayeeAccountsState,
  event: PayeeAccountEvent,
): PayeeAccountsState {
  return event.type === 'PayeeAccountVerified'
    ? { accounts: [...state.accounts, event.data] }
    : state;
}

/** The account in use on a date: the latest verified on or before it (of two on one day, the later recorded). */
export function payeeAccountOn(
  state: PayeeAccountsState,
  date: BusinessDate,
): PayeeAccount | undefined {
  let found: PayeeAccount | undefined;
  for (const a of state.accounts) if (a.verifiedOn <= date) found = a;
  return found;
}

export const CNAPS_PATTERN = /^\d{12}$/;
export const ACCOUNT_NUMBER_PATTERN = /^\d{8,32}$/;

/**
 * Record a verified account: its name must be the payee's registered name
 * (the bank pays by name and number; a mismatch is returned, 退票).
 */
export function decideVerifyPayeeAccount(
  state: PayeeAccountsState,
  cmd: PayeeAccount,
  payee: { registered: boolean; name: string },
): PayeeAccountEvent[] {
  if (!payee.registered) throw notFound(`${cmd.payeeKind} ${cmd.payeeId}`);
  if (state.accounts.some((a) => a.accountId === cmd.accountId)) return [];
  if (cmd.accountName.trim() !== payee.name.trim()) {
    throw invalidInput(
      'accountName',
      `must be the registered name of ${cmd.payeeKind} ${cmd.payeeId} ("${payee.name}")`,
    );
  }
  if (!CNAPS_PATTERN.test(cmd.bankCode)) {
    throw invalidInput('bankCode', 'must be a 12-digit CNAPS code');
  }
  if (!ACCOUNT_NUMBER_PATTERN.test(cmd.accountNumber)) {
    throw invalidInput('accountNumber', 'must be 8 to 32 digits');
  }
  return [{ type: 'PayeeAccountVerified', data: cmd }];
}

/** What anyone but finance sees of an account number: the last four digits. */
export function maskAccountNumber(accountNumber: string): string {
  const tail = accountNumber.slice(-4);
  return `${'*'.repeat(Math.max(0, accountNumber.length - 4))}${tail}`;
}
