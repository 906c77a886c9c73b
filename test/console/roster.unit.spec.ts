import { makeResidentId } from '@ledger/domain/identity/test-ids';
import { readRoster } from '../../apps/console/src/roster/roster';

const GOOD = makeResidentId('140202', '19900101', 11);
const OTHER = makeResidentId('140202', '19920202', 12);
/** The same number with its check digit changed: a typo the browser must catch. */
const TYPO = `${GOOD.slice(0, 17)}${GOOD[17] === '0' ? '1' : '0'}`;

describe('a roster read in the browser before anything is sent', () => {
  it('given rows of 姓名, 身份证号 and months, when read, then each becomes a claim with its months', () => {
    const r = readRoster([
      ['姓名', '身份证号', 'months'],
      ['张三', GOOD, '2023-01~2023-03'],
      ['李四', OTHER.slice(0, 17) + OTHER[17].toLowerCase(), '2023-02, 2023-01'],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.claims).toEqual([
      {
        personId: GOOD,
        name: '张三',
        wageMonths: ['2023-01', '2023-02', '2023-03'],
        insuranceMonths: ['2023-01', '2023-02', '2023-03'],
      },
      {
        personId: OTHER,
        name: '李四',
        wageMonths: ['2023-01', '2023-02'],
        insuranceMonths: ['2023-01', '2023-02'],
      },
    ]);
  });

  it('given a wrong GB 11643 check digit, a missing name and bad months, when read, then those rows are shown and not sent', () => {
    const r = readRoster([
      ['姓名', '身份证号', 'months'],
      ['张三', TYPO, '2023-01'],
      ['', GOOD, '2023-01'],
      ['王五', OTHER, '2023-13'],
      ['赵六', GOOD, '2023-04'],
    ]);
    expect(r.problems).toEqual([
      { row: 2, field: 'personId', problem: 'roster.idInvalid' },
      { row: 3, field: 'name', problem: 'roster.nameMissing' },
      { row: 4, field: 'months', problem: 'roster.monthsInvalid' },
    ]);
    expect(r.claims.map((c) => c.name)).toEqual(['赵六']);
    expect(JSON.stringify(r.problems)).not.toContain(TYPO.slice(0, 10));
  });

  it('given an ID number that a spreadsheet stored as a number, when read, then it fails its check instead of passing rounded', () => {
    const r = readRoster([
      ['姓名', '身份证号', 'months'],
      ['张三', Number(GOOD.slice(0, 17)) * 10, '2023-01'],
    ]);
    expect(r.claims).toEqual([]);
    expect(r.problems[0]).toMatchObject({ field: 'personId' });
  });

  it('given a file without the 身份证号 column, when read, then the missing column is named', () => {
    const r = readRoster([['姓名', 'months']]);
    expect(r.problems).toEqual([{ row: 1, field: 'personId', problem: 'roster.missingColumn' }]);
  });
});
