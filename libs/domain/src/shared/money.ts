/**
 * Money is integer fen (1 yuan = 100 fen). Every amount in the ledger passes
 * through these helpers so no float ever reaches a balance.
 */
export type Fen = number;

export const FEN_PER_YUAN = 100;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function yuanToFen(yuan: number): Fen {
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`yuan must be an integer, got ${yuan}`);
  const fen = yuan * FEN_PER_YUAN;
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`${yuan} yuan is too large to hold exactly in fen`);
  }
  return fen;
}

const BASIS_POINTS_WHOLE = 10_000;

/**
 * A percentage of an amount, rounded down to the fen: the city never overpays
 * by rounding. `basisPoints` is hundredths of a percent (30 % = 3000) so the
 * arithmetic stays in integers. Exact for every safe amount: the product
 * `amount × basisPoints` may pass 2^53 (where a float rounds, sometimes up),
 * so the amount is split into whole ten-thousands and a remainder whose
 * products each stay exact.
 */
export function percentOfFen(amountFen: Fen, basisPoints: number): Fen {
  if (!isFen(amountFen) || !Number.isSafeInteger(basisPoints)) {
    throw new RangeError('percentOfFen takes integers');
  }
  if (amountFen < 0 || basisPoints < 0) {
    throw new RangeError('percentOfFen takes a non-negative amount and basis points');
  }
  const rest = amountFen % BASIS_POINTS_WHOLE;
  const whole = (amountFen - rest) / BASIS_POINTS_WHOLE;
  const share = whole * basisPoints + Math.floor((rest * basisPoints) / BASIS_POINTS_WHOLE);
  if (!Number.isSafeInteger(share)) {
    throw new RangeError(
      `the share passes ${Number.MAX_SAFE_INTEGER} fen and would lose precision`,
    );
  }
  return share;
}

/** Two amounts added exactly; past 2^53 fen a float would round, so it throws instead. */
export function addFen(a: Fen, b: Fen): Fen {
  return sumFen([a, b]);
}

/**
 * The exact sum of amounts in fen. Every amount must be a safe integer, and so
 * must every running total: past 2^53 a float silently rounds, and a later
 * amount could bring a wrong total back into range.
 */
export function sumFen(amounts: readonly Fen[]): Fen {
  let totalFen = 0;
  amounts.forEach((a, i) => {
    if (!isFen(a)) throw new RangeError(`sumFen takes integer fen; amount ${i} is ${a}`);
    totalFen += a;
    if (!Number.isSafeInteger(totalFen)) {
      throw new RangeError(
        `the total passes ${Number.MAX_SAFE_INTEGER} fen and would lose precision`,
      );
    }
  });
  return totalFen;
}

export function minFen(a: Fen, b: Fen): Fen {
  return a < b ? a : b;
}
