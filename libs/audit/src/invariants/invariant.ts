import type { PolicyVersion } from '@ledger/domain/policy/policy-version';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';

/** Reports a broken rule at the event being observed. */
export type ReportViolation = (rule: string, message: string) => void;

/**
 * One rule of RULES.md checked over the whole history (ADR 0007), event by
 * event in global order, over events already in their current shape
 * (upcast). Each keeps only bounded state per key (per person, per tranche,
 * per case, …), never the events themselves.
 *
 * Independent of the deciders on purpose: a second, small implementation of
 * each rule, reading only what the events say, so a bug in a decider (or an
 * event written behind its back) shows up as a difference instead of being
 * repeated.
 */
export interface Invariant {
  readonly name: string;
  /** The rule ids it checks. */
  readonly rules: readonly string[];
  observe(event: RecordedEvent, report: ReportViolation): void;
}

/** Looks a policy version up by id; undefined for one this code does not know. */
export type PolicyLookup = (id: string | undefined) => PolicyVersion | undefined;

export const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const fen = (v: unknown): number => (isFen(v) ? v : 0);
