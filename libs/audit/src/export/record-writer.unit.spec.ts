import { csvCell } from './record-writer';

describe('csvCell', () => {
  it.each([
    [42, '42'],
    [-100, '-100'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [null, ''],
    [undefined, ''],
    [{ a: 1 }, '"{""a"":1}"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
    // All-digit text (ID numbers, credit codes) stays text in Excel and WPS.
    ['140202199001011234', '"=""140202199001011234"""'],
    ['0123', '"=""0123"""'],
    ['14020219900101123X', '14020219900101123X'],
    [1234, '1234'],
  ])('given %j, when written as a CSV cell, then it is %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
