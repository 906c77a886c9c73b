/**
 * Given/when/then for the invariants of verification, in the manner of
 * Emmett's DeciderSpecification: the given events are observed first (they
 * must all hold), then what the `when` event reports is asserted.
 */
import type { EventMetadata, RecordedEvent } from '@ledger/event-store/event-store.port';
import type { Invariant } from '../invariants/invariant';

let nextPosition = 1;

export function event(
  type: string,
  data: Record<string, unknown>,
  metadata: Partial<EventMetadata> = {},
  stream = 'test-stream',
): RecordedEvent {
  const position = nextPosition++;
  return {
    eventId: `e${position}`,
    type,
    stream,
    revision: 0,
    position,
    data,
    metadata: {
      actor: 'tester',
      role: 'finance',
      businessDate: '2023-03-10',
      recordedAt: '2023-03-10T02:00:00.000Z',
      policyVersion: 'datong-2022',
      ...metadata,
    },
  };
}

interface Violation {
  rule: string;
  message: string;
}

function observe(invariant: Invariant, e: RecordedEvent): Violation[] {
  const out: Violation[] = [];
  invariant.observe(e, (rule, message) => out.push({ rule, message }));
  return out;
}

export function invariantSpecification(make: () => Invariant) {
  return {
    given(...given: RecordedEvent[]) {
      return {
        when(e: RecordedEvent) {
          const invariant = make();
          for (const g of given) {
            const found = observe(invariant, g);
            if (found.length > 0) {
              throw new Error(
                `a given event already breaks the invariant: ${JSON.stringify(found)}`,
              );
            }
          }
          const found = observe(invariant, e);
          return {
            thenHolds: () => expect(found).toEqual([]),
            thenViolates: (rule: string, message: RegExp) =>
              expect(found).toEqual(
                expect.arrayContaining([{ rule, message: expect.stringMatching(message) }]),
              ),
          };
        },
      };
    },
  };
}
