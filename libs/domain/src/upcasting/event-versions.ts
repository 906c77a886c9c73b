import { BANK_REFERENCE_EVENT_TYPES } from '../bank-reference/bank-reference.events';
import { ENTERPRISE_EVENT_TYPES } from '../enterprise/enterprise.events';
import { PERSON_EVENT_TYPES } from '../person/person.events';
import { PUBLICITY_EVENT_TYPES } from '../publicity/publicity.events';
import { SEAT_APPLICATION_EVENT_TYPES } from '../seat-application/seat-application.events';

/**
 * Schema evolution (ADR 0007): the version of each event type's data shape
 * that this code writes. Pure data. Every event is written with its type's
 * version in `metadata.schemaVersion`; an older stored version is turned into
 * the current shape on read by the upcasters (`upcasters.ts`), so deciders and
 * projections only ever see the shape of the current version.
 *
 * A change of shape is: bump the version here, add an upcaster from the old
 * version, keep a fixture of old events that still replays (test/fixtures).
 */
const BUMPED: Readonly<Record<string, number>> = {
  // v2 added `amountFen`, the total the tranche approved (v1: only `included`).
  TrancheApproved: 2,
  // v2 added `paidBy`, the finance actor (v1: only in the metadata).
  TrancheDisbursed: 2,
};

/** The version written for an event type; every type not listed is at version 1. */
export const CURRENT_EVENT_VERSIONS: Readonly<Record<string, number>> = Object.freeze({
  ...Object.fromEntries(
    [
      ...ENTERPRISE_EVENT_TYPES,
      ...SEAT_APPLICATION_EVENT_TYPES,
      ...PERSON_EVENT_TYPES,
      ...PUBLICITY_EVENT_TYPES,
      ...BANK_REFERENCE_EVENT_TYPES,
    ].map((type) => [type, 1]),
  ),
  ...BUMPED,
});

/** Types added later (new programmes) start at version 1. */
export function currentEventVersion(type: string): number {
  return CURRENT_EVENT_VERSIONS[type] ?? 1;
}

/** The version an event was stored with: events written before versions existed are version 1. */
export function storedEventVersion(metadata: { schemaVersion?: unknown } | undefined): number {
  const v = metadata?.schemaVersion;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : 1;
}
