/**
 * Limits on the strings and lists every feature's requests share: a request can
 * never grow without bound. Lists particular to one feature keep their own
 * limit beside their DTOs.
 */
export const NAME_MAX = 200;
export const REF_MAX = 200;
export const TEXT_MAX = 4_000;
export const MONTHS_MAX = 120;

/*
 * Upper bounds on amounts (issue #12). Each is a plausible maximum for its
 * field under the policy (2,500 yuan a seat per tranche and per lease year,
 * a person cap of 1,000,000 fen, a renovation cap of 500,000,000 fen, R-POL),
 * with room for special terms, and far enough below 2^53 fen
 * (Number.MAX_SAFE_INTEGER, about 9 × 10^15) that the totals the ledger
 * keeps over thousands of them stay exact; the domain's money helpers refuse
 * any total past 2^53 (`sumFen`, `addFen`) rather than round it.
 */

/**
 * One transfer, out or back: a tranche payment or a recovery. The largest
 * tranche any programme can pay is a lease year for the 1,000,000 seats a
 * registration may declare, at 2,500 yuan: 2.5 × 10^11 fen; a recovery
 * repays at most what its case has due back, payments of such tranches.
 * 10^12 fen (10,000,000,000 yuan).
 */
export const TRANSFER_FEN_MAX = 1_000_000_000_000;

/**
 * A renovation's audited investment: R-SITE-RENO pays 30 % of it up to the
 * cap (500,000,000 fen, more under special terms), so any investment past
 * about 1.7 × 10^9 fen pays the cap; 10^13 fen (100,000,000,000 yuan) leaves
 * every real building below it.
 */
export const INVESTMENT_FEN_MAX = 10_000_000_000_000;

/**
 * One fund-use report's spending, per field (R-SEAT-7): an enterprise spends
 * what it received, at most the seat subsidy of 20,000 claims (5 × 10^9 fen)
 * per application; 10^12 fen per report.
 */
export const SPENDING_FEN_MAX = 1_000_000_000_000;
