import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { StoredEventTexts } from '@ledger/event-store/integrity/event-seal';
import type { StoredTextsSource } from '../chain-verifier';
import {
  EventRawRow,
  filterQuery,
  rawRowToRecordedEvent,
} from '@ledger/event-store/sqlite/sqlite-event-rows';
import { SqliteEventIds } from '@ledger/event-store/sqlite/sqlite-event-ids';

/**
 * Reads the embedded log in position order as `readAll` does, and keeps the
 * texts the last page's events were stored as (`textsOf`), so the chain
 * check can hash them as they are (ADR 0020 §104). Only those the check
 * will look at (`keepFor`), each until it is asked for, in arrays made anew
 * for each page: texts kept longer are copied by the young generation's
 * collections and promoted. Kept for every event of a log stored in another
 * form, they cost the log thread 180 MB more promoted and 2-6 CPU s at 1M
 * events; kept in a WeakMap, twice the promotion.
 */
export class SqliteLogTextReader implements StoredTextsSource {
  private readonly ids: SqliteEventIds;
  private readonly statement: Database.Statement;
  private events: RecordedEvent[] = [];
  private texts: (StoredEventTexts | undefined)[] = [];
  keepFor: ((position: number) => boolean) | undefined;
  /** Where the next look is likely: events are asked for in the order read. */
  private next = 0;

  constructor(db: Database.Database) {
    this.ids = SqliteEventIds.of(db);
    this.statement = db.prepare(filterQuery(0, 0)).raw(true);
  }

  /** Up to `maxCount` events after `afterPosition`, ascending. */
  readPage(afterPosition: number, maxCount: number): RecordedEvent[] {
    const rows = this.statement.all(afterPosition, Number.MAX_SAFE_INTEGER, maxCount);
    const events: RecordedEvent[] = [];
    const texts: (StoredEventTexts | undefined)[] = [];
    const keep = this.keepFor;
    for (const row of rows as EventRawRow[]) {
      events.push(rawRowToRecordedEvent(row, this.ids));
      texts.push(
        keep === undefined || keep(row[0]) ? { data: row[5], metadata: row[6] } : undefined,
      );
    }
    this.events = events;
    this.texts = texts;
    this.next = 0;
    return events;
  }

  /**
   * The texts `event` was read from, once: when it is of the last page read
   * and they were kept (else undefined). Let go when answered, so no text
   * outlives the check of its event.
   */
  textsOf(event: RecordedEvent): StoredEventTexts | undefined {
    const i = this.events[this.next] === event ? this.next : this.events.indexOf(event);
    if (i < 0) return undefined;
    this.next = i + 1;
    const texts = this.texts[i];
    this.texts[i] = undefined;
    return texts;
  }
}
