import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  checkStatementLine,
  invalidInput,
  StatementLine,
  statementAmountFen,
} from '@ledger/domain';

export const CAMT_053_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02';

export interface ParsedStatement {
  statementId: string;
  lines: StatementLine[];
}

type Node = Record<string, unknown>;
const asArray = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number'
      ? String(v)
      : (((v as Node | undefined)?.['#text'] as string) ?? '');
const at = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Node)[k] : undefined), node);

/**
 * ISO 20022 `camt.053.001.02` (BankToCustomerStatement), parsed with
 * fast-xml-parser (ADR 0019); every entry (`Ntry`) of every statement is one
 * line. Anything malformed refuses the whole statement, naming the entry.
 */
export function parseCamt053(xml: string): ParsedStatement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw invalidInput(
      'statement',
      `not well-formed XML at line ${valid.err.line}: ${valid.err.msg}`,
    );
  }
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    processEntities: true,
    isArray: (name) => name === 'Stmt' || name === 'Ntry' || name === 'TxDtls',
  }).parse(xml) as Node;
  const root = doc['Document'] as Node | undefined;
  if (!root || root['@xmlns'] !== CAMT_053_NAMESPACE) {
    throw invalidInput(
      'statement',
      `not a camt.053.001.02 document (namespace ${CAMT_053_NAMESPACE})`,
    );
  }
  const statements = asArray(at(root, 'BkToCstmrStmt', 'Stmt') as Node[] | undefined);
  if (statements.length === 0) throw invalidInput('statement', 'no Stmt in the document');
  const lines: StatementLine[] = [];
  for (const stmt of statements) {
    for (const ntry of asArray(stmt['Ntry'] as Node[] | undefined)) {
      const line = lines.length + 1;
      const where = `entry ${line}`;
      const amt = at(ntry, 'Amt');
      const tx = asArray(at(ntry, 'NtryDtls', 'TxDtls') as Node[] | undefined)[0];
      const fields = {
        currency: text((amt as Node | undefined)?.['@Ccy']),
        bookingDate: text(at(ntry, 'BookgDt', 'Dt')),
        direction: text(ntry['CdtDbtInd']),
        bankRef: text(ntry['AcctSvcrRef']),
      };
      checkStatementLine(where, fields);
      const endToEndId = text(at(tx, 'Refs', 'EndToEndId'));
      const ustrd = text(at(tx, 'RmtInf', 'Ustrd'));
      lines.push({
        line,
        bookingDate: fields.bookingDate,
        direction: fields.direction as 'DBIT' | 'CRDT',
        amountFen: statementAmountFen(text(amt), where),
        bankRef: fields.bankRef,
        ...(endToEndId && endToEndId !== 'NOTPROVIDED' ? { endToEndId } : {}),
        ...(ustrd ? { caseRef: ustrd.trim() } : {}),
        returned: text(ntry['RvslInd']) === 'true' || at(tx, 'RtrInf') !== undefined,
        ...returnReasonOf(tx),
      });
    }
  }
  return { statementId: text(at(statements[0], 'Id')), lines };
}

export const STATEMENT_CSV_HEADER = [
  'bookingDate',
  'direction',
  'amount',
  'currency',
  'bankRef',
  'endToEndId',
  'caseRef',
  'returned',
];

/** The CSV form: the header above, one entry a line (csv-parse, RFC 4180). */
export function parseStatementCsv(content: string): ParsedStatement {
  let rows: string[][];
  try {
    rows = parseCsv(content, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (err) {
    throw invalidInput('content', `not CSV: ${(err as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header || header.join(',') !== STATEMENT_CSV_HEADER.join(',')) {
    throw invalidInput('content', `the header must be ${STATEMENT_CSV_HEADER.join(',')}`);
  }
  const lines = body.map((r, i): StatementLine => {
    const line = i + 1;
    const where = `line ${line}`;
    const [bookingDate, direction, amount, currency, bankRef, endToEndId, caseRef, returned] = r;
    checkStatementLine(where, { currency, bookingDate, direction, bankRef });
    if (returned !== '' && returned !== 'true' && returned !== 'false') {
      throw invalidInput(where, `returned "${returned}" is neither true nor false`);
    }
    return {
      line,
      bookingDate,
      direction: direction as 'DBIT' | 'CRDT',
      amountFen: statementAmountFen(amount, where),
      bankRef,
      ...(endToEndId ? { endToEndId } : {}),
      ...(caseRef ? { caseRef } : {}),
      returned: returned === 'true',
    };
  });
  return { statementId: '', lines };
}

/** camt.053 `RtrInf`: the bank's reason code and words for a return (退票), when given. */
function returnReasonOf(tx: Node | undefined): { returnReason?: string } {
  const code = text(at(tx, 'RtrInf', 'Rsn', 'Cd'));
  const words = text(at(tx, 'RtrInf', 'AddtlInf'));
  const reason = [code, words].filter((x) => x !== '').join(' ');
  return reason ? { returnReason: reason } : {};
}
