import { isBusinessDate } from '@ledger/domain/shared/business-date';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { Invariant, ReportViolation } from './invariant';

/** The furthest any time zone is ahead of UTC (UTC+14, Kiribati). */
const ZONE_AHEAD_MS_MAX = 14 * 3_600_000;
const DEPTH_MAX = 32;

/**
 * "Money and time" of RULES.md: every amount (every field named `…Fen`) is an
 * integer number of fen; every event has a business date and a recorded time,
 * and the business date is never in the future of when it was recorded
 * (checked against the latest calendar day anywhere at that instant, so no
 * time-zone setting can make it a false alarm). No state.
 */
export class MoneyAndTimeInvariant implements Invariant {
  readonly name = 'money-and-time';
  readonly rules = ['MONEY', 'TIME'];

  observe(event: RecordedEvent, report: ReportViolation): void {
    const bad = fractionalFen(event.data);
    if (bad !== undefined) report('MONEY', `${bad} is not an integer number of fen`);
    const { businessDate, recordedAt } = event.metadata;
    const recordedMs = typeof recordedAt === 'string' ? Date.parse(recordedAt) : NaN;
    if (!isBusinessDate(businessDate)) {
      report('TIME', `the business date ${String(businessDate)} is not a date`);
      return;
    }
    if (Number.isNaN(recordedMs)) {
      report('TIME', `the recorded time ${String(recordedAt)} is not an ISO-8601 time`);
      return;
    }
    // A UTC time's own day is never after the latest day anywhere (a day the
    // parser rolled over, 02-30, is earlier than the instant's): no date to make.
    if (
      UTC_TIME.test(recordedAt as string) &&
      businessDate <= (recordedAt as string).slice(0, 10)
    ) {
      return;
    }
    const latestDay = new Date(recordedMs + ZONE_AHEAD_MS_MAX).toISOString().slice(0, 10);
    if (businessDate > latestDay) {
      report(
        'TIME',
        `the business date ${businessDate} is in the future of its recorded time ${recordedAt}`,
      );
    }
  }
}

/** `YYYY-MM-DDTHH:MM[:SS[.fraction]]Z`: a time whose first ten characters are its UTC day. */
const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z$/;

/**
 * The path of the first `…Fen` field that is not a safe integer, if any. The
 * path is kept as its parts and written only when found: written for every key
 * of every event, its strings were most of this check's cost (ADR 0020 §65).
 */
function fractionalFen(value: unknown): string | undefined {
  const path: (string | number)[] = [];
  if (!hasFractionalFen(value, path, 0)) return undefined;
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Whether `value` holds a bad fen; `path` is left holding the way to it. */
function hasFractionalFen(value: unknown, path: (string | number)[], depth: number): boolean {
  if (value === null || typeof value !== 'object' || depth > DEPTH_MAX) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      if (hasFractionalFen(value[i], path, depth + 1)) return true;
      path.pop();
    }
    return false;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    path.push(key);
    const bad =
      key.endsWith('Fen') && typeof item !== 'object'
        ? !Number.isSafeInteger(item)
        : hasFractionalFen(item, path, depth + 1);
    if (bad) return true;
    path.pop();
  }
  return false;
}
