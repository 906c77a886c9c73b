import { checkStatementLine, statementAmountFen } from './bank-statement.decider';

describe('bank statement lines', () => {
  it('given amounts as banks write them, when read, then exact fen', () => {
    expect(statementAmountFen('2500.00', 'line 1')).toBe(250_000);
    expect(statementAmountFen('0.05', 'line 1')).toBe(5);
    expect(statementAmountFen('12.5', 'line 1')).toBe(1_250);
    expect(statementAmountFen('7', 'line 1')).toBe(700);
    expect(statementAmountFen('1234567890123.99', 'line 1')).toBe(123_456_789_012_399);
  });

  it('given three decimals, a sign or a comma, when read, then 400 names the line', () => {
    for (const bad of ['2500.001', '-1.00', '1,000.00', '', '1e3']) {
      expect(() => statementAmountFen(bad, 'line 7')).toThrow(
        expect.objectContaining({ kind: 'invalid', details: { field: 'line 7' } }),
      );
    }
  });

  it('given a currency other than CNY, when checked, then 400 names the line', () => {
    const ok = { currency: 'CNY', bookingDate: '2023-03-22', direction: 'DBIT', bankRef: 'ICBC-1' };
    expect(() => checkStatementLine('line 2', ok)).not.toThrow();
    expect(() => checkStatementLine('line 2', { ...ok, currency: 'USD' })).toThrow(
      /line 2: currency "USD"/,
    );
    expect(() => checkStatementLine('line 3', { ...ok, bookingDate: '22/03/2023' })).toThrow(
      /line 3/,
    );
    expect(() => checkStatementLine('line 4', { ...ok, direction: 'X' })).toThrow(/line 4/);
  });
});
