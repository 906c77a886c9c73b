import { createHash, Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { once } from 'node:events';

export type ExportFormat = 'csv' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];

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
 * CSV: RFC 4180 (quoted when needed, `""` for a quote, CRLF line ends), a
 * header of the columns; objects and arrays as JSON text; a text cell that a
 * spreadsheet would read as a formula (`=`, `+`, `-`, `@`) gets a leading `'`.
 */
export class RecordWriter {
  private readonly out: fs.WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private rows = 0;
  private bytes = 0;

  constructor(
    readonly file: string,
    readonly format: ExportFormat,
    private readonly columns: readonly string[],
  ) {
    this.out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    if (format === 'csv') this.push(`${columns.map(csvCell).join(',')}\r\n`);
  }

  async write(record: Record<string, unknown>): Promise<void> {
    const line =
      this.format === 'jsonl'
        ? `${JSON.stringify(record)}\n`
        : `${this.columns.map((c) => csvCell(record[c])).join(',')}\r\n`;
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

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text =
    typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
