import { formatYuan, parseYuan } from '../../apps/console/src/format/money';

describe('the console shows integer fen as yuan', () => {
  it('given 1,250,000 fen, when formatted, then it reads ¥12,500.00', () => {
    expect(formatYuan(1_250_000)).toBe('¥12,500.00');
  });

  it('given small, negative and huge amounts, when formatted, then integer arithmetic keeps every fen', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-250_001)).toBe('-¥2,500.01');
    // 2^53 - 1 fen: a float division by 100 would print …40.99 or round the last fen.
    expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91');
  });

  it('given no amount or a non-integer, when formatted, then a dash shows instead of a wrong number', () => {
    expect(formatYuan(undefined)).toBe('—');
    expect(formatYuan(12.5)).toBe('—');
  });

  it('given what a person types in yuan, when parsed, then it becomes integer fen or is refused', () => {
    expect(parseYuan('12,500')).toBe(1_250_000);
    expect(parseYuan('¥12,500.00')).toBe(1_250_000);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('2500.05')).toBe(250_005);
    expect(parseYuan('1.005')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
    expect(parseYuan('')).toBeUndefined();
  });
});
