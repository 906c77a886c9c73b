import { BusinessDate, isBusinessDate } from '../shared/business-date';
import { invalidInput } from '../shared/ledger-error';
import { Fen } from '../shared/money';

/** One booked entry of a bank statement, whatever its format (camt.053 `Ntry`, a CSV line). */
export interface StatementLine {
  /** 1-based: the entry's place in the statement, named in every answer. */
  line: number;
  bookingDate: BusinessDate;
  direction: 'DBIT' | 'CRDT';
  amountFen: Fen;
  /** The bank's own reference of the transfer (`AcctSvcrRef`). */
  bankRef: string;
  /** Debits: the `EndToEndId` of the instruction, a batch item id. */
  endToEndId?: string;
  /** Credits: the case the money repays (remittance information). */
  caseRef?: string;
  /** A reversal or return (退票) of an earlier debit. */
  returned: boolean;
  /** Why it came back, as the bank says (camt.053 `RtrInf`), when it does. */
  returnReason?: string;
}

export type StatementOutcome =
  | { kind: 'paid'; line: number; itemId: string; trancheId: string; amountFen: Fen }
  | { kind: 'recovered'; line: number; caseId: string; recoveryId: string; amountFen: Fen }
  | { kind: 'returned'; line: number; itemId: string; trancheId: string; amountFen: Fen }
  | { kind: 'unmatched'; line: number; reason: string };

/**
 * `bank-statement-{sha256}`: a statement imported, keyed by the hash of its
 * content, so importing it again changes nothing (the first result is
 * answered again).
 */
export type BankStatementEvent = {
  type: 'BankStatementImported';
  data: {
    statementId: string;
    hash: string;
    importedOn: BusinessDate;
    lines: number;
    paid: Extract<StatementOutcome, { kind: 'paid' }>[];
    recovered: Extract<StatementOutcome, { kind: 'recovered' }>[];
    /** 退票 recorded from the statement; absent on statements imported before returns were. */
    returned?: Extract<StatementOutcome, { kind: 'returned' }>[];
    unmatched: Extract<StatementOutcome, { kind: 'unmatched' }>[];
  };
};

export const BANK_STATEMENT_EVENT_TYPES: readonly BankStatementEvent['type'][] = [
  'BankStatementImported',
];

export interface BankStatementState {
  imported?: BankStatementEvent['data'];
}

export const evolveBankStatement = (
  _state: BankStatementState,
  event: BankStatementEvent,
): BankStatementState => ({ imported: event.data });

/** The statement's result, once; a second import of the same content writes nothing. */
export function decideImportStatement(
  state: BankStatementState,
  result: BankStatementEvent['data'],
): BankStatementEvent[] {
  return state.imported ? [] : [{ type: 'BankStatementImported', data: result }];
}

/**
 * An amount as banks write it, `2500.00`, into fen with no float on the way:
 * at most two decimals (three is refused, not rounded), never negative.
 */
export function statementAmountFen(text: string, where: string): Fen {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) {
    throw invalidInput(where, `amount "${text}" must be a decimal with at most two decimals`);
  }
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** The checks every line passes whatever its format; a bad one refuses the whole statement. */
export function checkStatementLine(
  where: string,
  fields: { currency: string; bookingDate: string; direction: string; bankRef: string },
): void {
  if (fields.currency !== 'CNY') {
    throw invalidInput(where, `currency "${fields.currency}" is not CNY`);
  }
  if (!isBusinessDate(fields.bookingDate)) {
    throw invalidInput(where, `booking date "${fields.bookingDate}" is not a date YYYY-MM-DD`);
  }
  if (fields.direction !== 'DBIT' && fields.direction !== 'CRDT') {
    throw invalidInput(where, `direction "${fields.direction}" is neither DBIT nor CRDT`);
  }
  if (fields.bankRef.trim() === '' || fields.bankRef.length > 64) {
    throw invalidInput(where, 'the bank reference must be 1 to 64 characters');
  }
}
