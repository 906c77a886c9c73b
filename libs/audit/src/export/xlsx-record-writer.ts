import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { isFen } from '@ledger/domain/shared/money';
import { columnHeader, csvColumnsOf, HeaderLanguage } from './export-columns';
import type { WrittenFile } from './record-writer';

const YUAN_FORMAT = '#,##0.00';

/**
 * Writes records to an `.xlsx` sheet, streamed (rows are committed as they
 * come, so memory stays bounded). Headers as in the CSV; a `…Fen` column is
 * an integer, its `…Yuan` twin a number shown with two decimals; every text
 * (ID numbers, credit codes) is a text cell, so Excel and WPS never turn an
 * 18-digit ID into a rounded number.
 */
export class XlsxRecordWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly columns: string[];
  private rows = 0;

  constructor(
    readonly file: string,
    columns: readonly string[],
    headers: HeaderLanguage = 'zh',
  ) {
    // Created exclusively and private, as the CSV and JSON Lines files are.
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    this.sheet = this.workbook.addWorksheet('ledger');
    this.columns = csvColumnsOf(columns);
    this.sheet.columns = this.columns.map((c) => ({
      header: columnHeader(c, headers),
      key: c,
      width: Math.max(12, columnHeader(c, headers).length * 2),
      style: c.endsWith('Yuan') ? { numFmt: YUAN_FORMAT } : {},
    }));
  }

  async write(record: Record<string, unknown>): Promise<void> {
    const row = this.sheet.addRow(this.columns.map((c) => cellValue(record, c)));
    row.commit();
    this.rows += 1;
  }

  async close(): Promise<WrittenFile> {
    await this.workbook.commit();
    const buffer = fs.readFileSync(this.file);
    return {
      file: this.file,
      rows: this.rows,
      bytes: buffer.length,
      sha256: createHash('sha256').update(buffer).digest('hex'),
    };
  }
}

function cellValue(record: Record<string, unknown>, column: string): ExcelJS.CellValue {
  if (!Object.hasOwn(record, column) && column.endsWith('Yuan')) {
    const fen = record[`${column.slice(0, -4)}Fen`];
    // The sheet shows yuan to two decimals; fen / 100 is exact to the cent at that format.
    return isFen(fen) ? fen / 100 : null;
  }
  const value = record[column];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string);
}
