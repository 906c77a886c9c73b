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
    // The path is worked out only for an event that has one: its strings were
    // most of this check's cost over 1M sound events (ADR 0020 §65).
    if (hasFractionalFen(event.data, 0)) {
      report('MONEY', `${fractionalFen(event.data, '', 0)} is not an integer number of fen`);
    }
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

/** Whether some `…Fen` field is not a safe integer (`fractionalFen` without the paths). */
function hasFractionalFen(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object' || depth > DEPTH_MAX) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasFractionalFen(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (key.endsWith('Fen') && typeof v !== 'object' && !Number.isSafeInteger(v)) return true;
    if (hasFractionalFen(v, depth + 1)) return true;
  }
  return false;
}

/** The path of the first `…Fen` field that is not a safe integer, if any. */
function fractionalFen(value: unknown, path: string, depth: number): string | undefined {
  if (value === null || typeof value !== 'object' || depth > DEPTH_MAX) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = fractionalFen(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key.endsWith('Fen') && typeof v !== 'object' && !Number.isSafeInteger(v)) return here;
    const found = fractionalFen(v, here, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
