/**
 * Test fixtures: domain-shaped events (typed against the domain's event unions,
 * so a change there breaks these fixtures at compile time) and a recorder that
 * gives them positions and metadata as an event store would.
 */
import type { EventMetadata, RecordedEvent } from '@ledger/event-store/event-store.port';
import { LedgerEvent, LedgerEventType } from '@ledger/domain';

export type EventOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;

export function ledgerEvent<T extends LedgerEventType>(
  type: T,
  data: EventOf<T>['data'],
): EventOf<T> {
  return { type, data } as EventOf<T>;
}

export interface RecordedAs {
  position: number;
  stream?: string;
  recordedAt?: string;
  businessDate?: string;
  actor?: string;
  role?: string;
}

export function metadata(
  recordedAt: string,
  businessDate: string,
  actor = 'tester',
  role = 'reviewer',
): EventMetadata {
  return { actor, role, businessDate, recordedAt, policyVersion: 'datong-2022' };
}

/** A recorded event, as a store would hand it to a projection. */
export function recorded(event: { type: string; data: object }, as: RecordedAs): RecordedEvent {
  return {
    eventId: `event-${as.position}`,
    type: event.type,
    stream: as.stream ?? 'test-stream',
    revision: 0,
    position: as.position,
    data: event.data as Record<string, unknown>,
    metadata: metadata(
      as.recordedAt ?? '2023-01-01T00:00:00.000Z',
      as.businessDate ?? '2023-01-01',
      as.actor,
      as.role,
    ),
  };
}
