import { createHash, Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { once } from 'node:events';
import { formatYuan, isFen } from '@ledger/domain/shared/money';
import { columnHeader, csvColumnsOf, HeaderLanguage } from './export-columns';

export type ExportFormat = 'csv' | 'jsonl' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl', 'xlsx'];

/** What the export writes rows through, whatever the format. */
export interface RowWriter {
  write(record: Record<string, unknown>): Promise<void>;
  close(): Promise<WrittenFile>;
}

export interface WrittenFile {
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

/**
 * Writes records one at a time to a CSV or JSON Lines file, waiting when the
 * stream's buffer is full (so memory stays bounded however many rows), and
 * hashes what it writes for the export's manifest.
 *
 * CSV, for Excel and WPS on a Chinese Windows machine: a UTF-8 BOM (without
 * it both read the file as GBK and garble the Chinese), a header in Chinese
 * (or English on request), each `…Fen` amount followed by its amount in yuan;
 * RFC 4180 (quoted when needed, `""` for a quote, CRLF line ends); objects and
 * arrays as JSON text; a text cell that a spreadsheet would read as a formula
 * (`=`, `+`, `-`, `@`) gets a leading `'`; an all-digit text (ID numbers,
 * credit codes) is written `="…"` (see csvCell).
 */
export class RecordWriter implements RowWriter {
  private readonly out: fs.WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private rows = 0;
  private bytes = 0;
  private readonly csvColumns: string[];

  constructor(
    readonly file: string,
    readonly format: ExportFormat,
    columns: readonly string[],
    headers: HeaderLanguage = 'zh',
  ) {
    this.out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    this.csvColumns = csvColumnsOf(columns);
    if (format === 'csv') {
      const header = this.csvColumns.map((c) => csvCell(columnHeader(c, headers))).join(',');
      this.push(`\uFEFF${header}\r\n`);
    }
  }

  async write(record: Record<string, unknown>): Promise<void> {
    const line =
      this.format === 'jsonl'
        ? `${JSON.stringify(record)}\n`
        : `${this.csvColumns.map((c) => csvCell(csvValue(record, c))).join(',')}\r\n`;
    this.rows += 1;
    if (!this.push(line)) await once(this.out, 'drain');
  }

  async close(): Promise<WrittenFile> {
    this.out.end();
    await once(this.out, 'finish');
    return { file: this.file, rows: this.rows, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  private push(text: string): boolean {
    const buffer = Buffer.from(text, 'utf8');
    this.hash.update(buffer);
    this.bytes += buffer.length;
    return this.out.write(buffer);
  }
}

/** A column's value; a `…Yuan` twin is computed from its `…Fen` column. */
function csvValue(record: Record<string, unknown>, column: string): unknown {
  if (Object.hasOwn(record, column) || !column.endsWith('Yuan')) return record[column];
  const fen = record[`${column.slice(0, -4)}Fen`];
  // Plain decimals (no thousands separator) so that spreadsheets read numbers.
  return isFen(fen) ? formatYuan(fen).replace(/,/g, '') : undefined;
}

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text =
    typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
  // Excel and WPS both turn an all-digit text into a number on opening a CSV:
  // an 18-digit ID number loses its last digits (15 significant digits) and a
  // leading zero goes. `="…"` is a formula whose value is that text, which
  // both honour; a leading apostrophe is shown literally in a CSV, and a tab
  // stays in the value when the cell is copied or summed.
  if (typeof value === 'string' && /^\d+$/.test(text)) return `"=""${text}"""`;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
