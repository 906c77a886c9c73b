import { addFen, FEN_PER_YUAN, isFen, minFen, percentOfFen, sumFen, yuanToFen } from './money';

describe('money in fen', () => {
  describe('isFen', () => {
    it('given safe integers, when checked, then they are fen', () => {
      for (const value of [0, 1, -1, 100, Number.MAX_SAFE_INTEGER]) expect(isFen(value)).toBe(true);
    });

    it('given floats, unsafe integers and non-numbers, when checked, then they are not fen', () => {
      for (const value of [0.5, 1.1, Number.NaN, Infinity, 2 ** 53, '100', undefined, null]) {
        expect([value, isFen(value)]).toEqual([value, false]);
      }
    });
  });

  describe('yuanToFen', () => {
    it('given whole yuan, when converted, then it is 100 fen per yuan', () => {
      expect(FEN_PER_YUAN).toBe(100);
      expect(yuanToFen(0)).toBe(0);
      expect(yuanToFen(1)).toBe(100);
      expect(yuanToFen(5_000)).toBe(500_000);
      expect(yuanToFen(-3)).toBe(-300);
    });

    it('given fractional or non-finite yuan, when converted, then it is refused', () => {
      expect(() => yuanToFen(0.5)).toThrow(RangeError);
      expect(() => yuanToFen(12.34)).toThrow('yuan must be an integer, got 12.34');
      expect(() => yuanToFen(Number.NaN)).toThrow(RangeError);
      expect(() => yuanToFen(Infinity)).toThrow(RangeError);
    });

    it('given the largest yuan whose fen is still a safe integer, when converted, then it is exact', () => {
      const largest = Math.floor(Number.MAX_SAFE_INTEGER / FEN_PER_YUAN);
      expect(yuanToFen(largest)).toBe(largest * 100);
      expect(Number.isSafeInteger(yuanToFen(largest))).toBe(true);
      expect(yuanToFen(-largest)).toBe(-largest * 100);
    });

    it('given yuan that is a safe integer but whose fen is not, when converted, then it throws a RangeError', () => {
      const tooLarge = Math.floor(Number.MAX_SAFE_INTEGER / FEN_PER_YUAN) + 1;
      expect(() => yuanToFen(tooLarge)).toThrow(RangeError);
      expect(() => yuanToFen(-tooLarge)).toThrow(RangeError);
      expect(() => yuanToFen(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    });
  });

  describe('percentOfFen', () => {
    it.each([
      [1, 3000, 0, '30% of 1 fen rounds down to 0'],
      [333, 1500, 49, '15% of 333 fen is 49.95, rounded down to 49'],
      [100, 3000, 30, '30% of 1 yuan is exact'],
      [999, 2500, 249, '25% of 999 fen is 249.75, rounded down'],
      [10_000, 1, 1, 'one basis point of 100 yuan is 1 fen'],
      [9_999, 1, 0, 'one basis point of 99.99 yuan rounds down to 0'],
      [123_456, 10_000, 123_456, '100% is the whole amount'],
      [123_456, 0, 0, '0% is nothing'],
      [0, 3000, 0, 'a percentage of nothing is nothing'],
    ])(
      'given %i fen at %i basis points, when taken, then it is %i (%s)',
      (amount, bp, expected) => {
        expect(percentOfFen(amount, bp)).toBe(expected);
      },
    );

    it('given an installment schedule of 30/25/15/15/15%, when each part is taken, then none rounds up and the parts never exceed the total', () => {
      for (const total of [1, 7, 333, 99_999, 1_234_567]) {
        const parts = [3000, 2500, 1500, 1500, 1500].map((bp) => percentOfFen(total, bp));
        for (const [i, bp] of [3000, 2500, 1500, 1500, 1500].entries()) {
          expect(parts[i] * 10_000).toBeLessThanOrEqual(total * bp);
        }
        expect(sumFen(parts)).toBeLessThanOrEqual(total);
      }
    });

    it('given a float amount or float basis points, when taken, then it is refused', () => {
      expect(() => percentOfFen(333.5, 1500)).toThrow('percentOfFen takes integers');
      expect(() => percentOfFen(333, 15.5)).toThrow(RangeError);
      expect(() => percentOfFen(333, 0.3)).toThrow(RangeError);
      expect(() => percentOfFen(Number.NaN, 1500)).toThrow(RangeError);
    });

    it('given an amount whose product with the basis points passes 2^53, when taken, then it is exact and rounded down (issue #12)', () => {
      // As floats, 9007199254725153 × 30 % came out 1 fen too high: the city would overpay.
      for (const [amount, bp] of [
        [9_007_199_254_725_153, 3000],
        [Number.MAX_SAFE_INTEGER, 9999],
        [10_000_000_000_007, 3000],
        [Number.MAX_SAFE_INTEGER, 10_000],
      ]) {
        const exact = Number((BigInt(amount) * BigInt(bp)) / 10_000n);
        expect([amount, bp, percentOfFen(amount, bp)]).toEqual([amount, bp, exact]);
      }
    });

    it('given a negative amount, when taken, then it is refused: a share of money owed is not a percentage', () => {
      expect(() => percentOfFen(-1, 3000)).toThrow(RangeError);
      expect(() => percentOfFen(100, -1)).toThrow(RangeError);
    });

    it('given a result, when inspected, then it is always an integer', () => {
      for (let amount = 0; amount < 500; amount += 7) {
        for (const bp of [1, 333, 1500, 2000, 3000, 6667]) {
          expect(Number.isInteger(percentOfFen(amount, bp))).toBe(true);
        }
      }
    });
  });

  describe('sumFen and minFen', () => {
    it('given amounts, when summed, then the total is exact', () => {
      expect(sumFen([])).toBe(0);
      expect(sumFen([100])).toBe(100);
      expect(sumFen([10, 20, 30])).toBe(60);
      expect(sumFen([500_000, -120_000, 1])).toBe(380_001);
    });

    it('given amounts that would drift as floats in yuan, when summed in fen, then they stay exact', () => {
      // 0.1 + 0.2 yuan is not 0.3 in floating point; 10 + 20 fen is 30.
      expect(0.1 + 0.2).not.toBe(0.3);
      expect(sumFen(Array.from({ length: 1000 }, () => 10))).toBe(10_000);
    });

    it('given an amount that is not a safe integer, when summed, then it throws a RangeError', () => {
      for (const bad of [0.5, 12.34, Number.NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53)]) {
        expect(() => sumFen([100, bad, 200])).toThrow(RangeError);
      }
    });

    it('given amounts up to the largest safe total, when summed, then the total is exact', () => {
      expect(sumFen([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
      expect(sumFen([-Number.MAX_SAFE_INTEGER + 1, -1])).toBe(-Number.MAX_SAFE_INTEGER);
    });

    it('given safe amounts whose total is not a safe integer, when summed, then it throws a RangeError', () => {
      expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
      expect(() => sumFen([-Number.MAX_SAFE_INTEGER, -1])).toThrow(RangeError);
      expect(() => sumFen(Array.from({ length: 3 }, () => 2 ** 52))).toThrow(RangeError);
    });

    it('given a running total that passes the safe range and comes back, when summed, then it throws rather than return a rounded total', () => {
      // In floats MAX_SAFE + 2 rounds to MAX_SAFE + 1, so the total would be 1 fen off.
      expect(() => sumFen([Number.MAX_SAFE_INTEGER, 2, -3])).toThrow(RangeError);
    });

    it('given two amounts, when added, then the sum is exact, and past the safe range it throws rather than round (issue #12)', () => {
      expect(addFen(250_000, 1)).toBe(250_001);
      expect(addFen(Number.MAX_SAFE_INTEGER - 1, 1)).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => addFen(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
      expect(() => addFen(2 ** 52, 2 ** 52)).toThrow(RangeError);
      expect(() => addFen(0.5, 1)).toThrow(RangeError);
    });

    it('given two amounts, when the smaller is taken, then it is the minimum', () => {
      expect(minFen(3, 5)).toBe(3);
      expect(minFen(5, 3)).toBe(3);
      expect(minFen(4, 4)).toBe(4);
    });
  });
});
