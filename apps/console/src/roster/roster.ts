import { residentIdProblem } from '../../../../libs/domain/src/identity/resident-id';

/**
 * A roster row as the applicant's spreadsheet has it: 姓名, 身份证号, months.
 * Months are the wage and insurance months (`2023-01`), separated by commas,
 * spaces or semicolons, or a range `2023-01~2023-06`.
 */
export interface RosterClaim {
  personId: string;
  name: string;
  wageMonths: string[];
  insuranceMonths: string[];
}

export interface RosterProblem {
  /** 1-based row in the file, counting the header as row 1. */
  row: number;
  field: 'name' | 'personId' | 'months';
  /** i18n key of the problem; never repeats the ID number. */
  problem: string;
}

export interface RosterResult {
  claims: RosterClaim[];
  problems: RosterProblem[];
}

const NAME_HEADERS = ['姓名', 'name'];
const ID_HEADERS = ['身份证号', '身份证号码', 'personid', 'id'];
const MONTH_HEADERS = ['months', '月份', '社保月份'];
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function monthsOf(cell: string): string[] | undefined {
  const out: string[] = [];
  for (const part of cell.split(/[,，;；\s]+/).filter(Boolean)) {
    const range = part.split(/~|至|–|—/);
    if (range.length === 2) {
      const a = MONTH.exec(range[0]);
      const b = MONTH.exec(range[1]);
      if (!a || !b) return undefined;
      let [y, m] = [Number(a[1]), Number(a[2])];
      const end = Number(b[1]) * 12 + Number(b[2]);
      if (y * 12 + m > end || end - (y * 12 + m) > 120) return undefined;
      while (y * 12 + m <= end) {
        out.push(`${y}-${String(m).padStart(2, '0')}`);
        m += 1;
        if (m === 13) [y, m] = [y + 1, 1];
      }
    } else if (MONTH.test(part)) out.push(part);
    else return undefined;
  }
  return out.length > 0 ? [...new Set(out)].sort() : undefined;
}

function column(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(h.trim().toLowerCase()));
}

/** Rows (the first is the header) → claims and the rows that must be fixed first. */
export function readRoster(rows: readonly (readonly unknown[])[]): RosterResult {
  const [head, ...body] = rows;
  const header = (head ?? []).map((c) => String(c ?? ''));
  const cols = {
    name: column(header, NAME_HEADERS),
    personId: column(header, ID_HEADERS),
    months: column(header, MONTH_HEADERS),
  };
  const problems: RosterProblem[] = [];
  for (const [field, index] of Object.entries(cols) as [RosterProblem['field'], number][]) {
    if (index < 0) problems.push({ row: 1, field, problem: 'roster.missingColumn' });
  }
  if (problems.length > 0) return { claims: [], problems };
  const claims: RosterClaim[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (k: keyof typeof cols) => String(cells[cols[k]] ?? '').trim();
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const name = cell('name');
    // A trailing lowercase x is how many people type it; GB 11643 writes X.
    const personId = cell('personId').replace(/x$/, 'X');
    const months = monthsOf(cell('months'));
    const before = problems.length;
    if (!name) problems.push({ row, field: 'name', problem: 'roster.nameMissing' });
    if (residentIdProblem(personId) !== undefined)
      problems.push({ row, field: 'personId', problem: 'roster.idInvalid' });
    if (!months) problems.push({ row, field: 'months', problem: 'roster.monthsInvalid' });
    if (problems.length === before && months)
      claims.push({ personId, name, wageMonths: months, insuranceMonths: months });
  });
  return { claims, problems };
}
