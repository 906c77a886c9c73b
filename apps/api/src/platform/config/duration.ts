/** Durations in configuration and on the command line: `12h`, `30m`, `7d`, `90s` or seconds. */
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
export const DURATION_SECONDS_MAX = 366 * 86400;

/** Seconds, or undefined when the text is not a duration from 1 s to 366 days. */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
  return Number.isSafeInteger(seconds) && seconds >= 1 && seconds <= DURATION_SECONDS_MAX
    ? seconds
    : undefined;
}

/** The largest whole unit: 43200 → `12h`, 90 → `90s`. */
export function formatDuration(seconds: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    if (seconds % UNIT_SECONDS[unit] === 0) return `${seconds / UNIT_SECONDS[unit]}${unit}`;
  }
  return `${seconds}s`;
}
