/**
 * A long, realistic event log for tests and measurements: the seat-subsidy
 * story (29 events) told again and again with fresh enterprises, people,
 * applications, tranches, notices and payments each time, at fresh positions.
 */
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { recordedStory, story } from '../src/testing/seat-subsidy.story';

export interface LongStoryOptions {
  /** Position of the first event (default 1). */
  firstPosition?: number;
  /** Distance between positions (default 1; 3 leaves gaps, as EventStoreDB would). */
  positionStep?: number;
}

const ID_TOKENS: string[] = [
  story.e1.enterpriseId,
  story.e2.enterpriseId,
  story.p1.personKey,
  story.p2.personKey,
  story.p3.personKey,
  story.a1,
  story.a2,
  story.publicityId,
  story.objectionId,
  story.disbursementId,
  story.bankRef,
  'sit-0001',
  'bankref-hash-1',
].sort((a, b) => b.length - a.length);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ID_PATTERN = new RegExp(ID_TOKENS.map(escape).join('|'), 'g');

/** The story's events, `times` times over, every id suffixed with the round. */
export function longStory(times: number, options: LongStoryOptions = {}): RecordedEvent[] {
  const base = recordedStory();
  const first = options.firstPosition ?? 1;
  const step = options.positionStep ?? 1;
  const events: RecordedEvent[] = [];
  for (let round = 0; round < times; round++) {
    const rename = (text: string) => text.replace(ID_PATTERN, (id) => `${id}~${round}`);
    for (const event of base) {
      const n = events.length;
      events.push({
        ...event,
        eventId: `long-${n + 1}`,
        stream: rename(event.stream),
        position: first + n * step,
        data: JSON.parse(rename(JSON.stringify(event.data))) as Record<string, unknown>,
      });
    }
  }
  return events;
}

/** A `readAll` over an in-memory log, as an event store pages it. */
export function readAllOf(events: readonly RecordedEvent[]) {
  return async (afterPosition: number, maxCount: number): Promise<RecordedEvent[]> => {
    const start = events.findIndex((e) => e.position > afterPosition);
    return start < 0 ? [] : events.slice(start, start + maxCount);
  };
}
