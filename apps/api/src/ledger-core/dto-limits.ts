/**
 * Limits on the strings and lists every feature's requests share: a request can
 * never grow without bound. Lists particular to one feature keep their own
 * limit beside their DTOs.
 */
export const NAME_MAX = 200;
export const REF_MAX = 200;
export const TEXT_MAX = 4_000;
export const MONTHS_MAX = 120;
