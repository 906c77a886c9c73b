import type { Parameters } from 'fast-check';

/**
 * Bounds of the fuzz tier (`*.fuzz.spec.ts`, run with the unit tests): each
 * property runs at most `numRuns` cases and stops after its time limit (a
 * loaded machine runs fewer cases, never longer). `FUZZ_RUNS` raises the
 * count for a longer hunt; a failure prints the seed and path to replay it.
 */
const scale = Math.max(1, Number(process.env.FUZZ_RUNS ?? '1') || 1);

const bounded = (numRuns: number, timeLimitMs: number): Parameters<unknown> => ({
  numRuns: numRuns * scale,
  interruptAfterTimeLimit: timeLimitMs * scale,
  markInterruptAsFailure: false,
});

export const FUZZ = {
  /** One DTO property: a few hundred bodies, 3 s at most. */
  dtoRuns: bounded(300, 3_000),
  /** One decider property: a few hundred command sequences, 5 s at most. */
  deciderRuns: bounded(300, 5_000),
};

/** Cases run per tier, printed once the file is done when `TEST_FIGURES=1` (README figures). */
const counts = new Map<string, number>();
export function countCase(tier: string): void {
  counts.set(tier, (counts.get(tier) ?? 0) + 1);
}
export function reportCases(): void {
  if (process.env.TEST_FIGURES !== '1') return;
  for (const [tier, n] of counts) process.stdout.write(`fuzz cases ${tier}: ${n}\n`);
}
