import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { StoredEventTexts } from '@ledger/event-store/integrity/event-seal';
import {
  EventRawRow,
  filterQuery,
  rawRowToRecordedEvent,
} from '@ledger/event-store/sqlite/sqlite-event-rows';
import { SqliteEventIds } from '@ledger/event-store/sqlite/sqlite-event-ids';

/**
 * Reads the embedded log in position order as `readAll` does, and keeps the
 * texts the last page's events were stored as (`storedTexts`), so the chain
 * check can hash them as they are (ADR 0020 §104). Kept for one page in
 * arrays made anew for each: a WeakMap of every event read was a long-lived
 * table the young generation's collections saw each page's texts through,
 * and the log thread promoted twice as much.
 */
export class SqliteLogTextReader {
  private readonly ids: SqliteEventIds;
  private readonly statement: Database.Statement;
  private events: RecordedEvent[] = [];
  private texts: StoredEventTexts[] = [];
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
    const texts: StoredEventTexts[] = [];
    for (const row of rows as EventRawRow[]) {
      events.push(rawRowToRecordedEvent(row, this.ids));
      texts.push({ data: row[5], metadata: row[6] });
    }
    this.events = events;
    this.texts = texts;
    this.next = 0;
    return events;
  }

  /** The texts `event` was read from, when it is of the last page read (else undefined). */
  readonly storedTexts = (event: RecordedEvent): StoredEventTexts | undefined => {
    const i = this.events[this.next] === event ? this.next : this.events.indexOf(event);
    if (i < 0) return undefined;
    this.next = i + 1;
    return this.texts[i];
  };
}
