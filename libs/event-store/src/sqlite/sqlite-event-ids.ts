import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { eventIdV7 } from './event-id-v7';

/** The one-row-per-setting table of schema version 4 (sqlite-schema.ts). */
export const EVENT_STORE_META_TABLE = 'event_store_meta';
const SALT_NAME = 'event-id-salt';
/** 74 bits: the salt fills the UUID beside its version, its variant and the position. */
const SALT_HEX_LENGTH = 19;
const SALT_PATTERN = new RegExp(`^[0-9a-f]{${SALT_HEX_LENGTH}}$`);
/** Positions the derived form holds: its first 48 bits. */
const DERIVED_POSITION_MAX = 2 ** 48 - 1;

/**
 * Event ids on a file of schema version 4 (ADR 0020 §96): an event the store
 * mints an id for stores none (a NULL `event_id`, outside the partial UNIQUE
 * index, so an append pays no index insert for it) and reads back as a
 * UUIDv8 made of its position and the file's salt:
 *
 *     pppppppp-pppp-8sss-vsss-ssssssssssss
 *
 * `p` the position (48 bits, so ids sort as positions do), `8` the version,
 * `v` the RFC 9562 variant (10) and two bits of salt, `s` the salt: 74 random
 * bits drawn once when the file is created and kept in it. Unique in the
 * file because positions are; the same id after reopening, backup and
 * restore; a valid UUID, as EventStoreDB wants. A caller's own id is stored
 * as given and kept unique by the index; one of this file's derived form is
 * refused, so it can never equal a derived one.
 *
 * A file of version 3 or older has a NOT NULL UNIQUE `event_id` column: it
 * keeps getting minted UUIDv7 ids stored in it (event-id-v7.ts).
 */
export class SqliteEventIds {
  private constructor(
    /** `-8sss-vsss-ssssssssssss`; undefined: a file whose ids are all stored. */
    private readonly derivedSuffix: string | undefined,
  ) {}

  /** The ids of the file `db` holds, by what its schema keeps (after migration). */
  static of(db: Database.Database): SqliteEventIds {
    const hasMeta = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(EVENT_STORE_META_TABLE);
    if (!hasMeta) return new SqliteEventIds(undefined);
    const salt = db
      .prepare(`SELECT value FROM ${EVENT_STORE_META_TABLE} WHERE name = ?`)
      .pluck()
      .get(SALT_NAME) as string | undefined;
    if (salt === undefined || !SALT_PATTERN.test(salt)) {
      throw new Error(`${EVENT_STORE_META_TABLE}: the event id salt is missing or damaged`);
    }
    return new SqliteEventIds(derivedSuffix(salt));
  }

  /**
   * What the row stores for an event given `eventId` (undefined: none given):
   * the caller's id, else NULL (derived) or a minted UUIDv7 (older files).
   * Throws TypeError for a caller's id of this file's derived form.
   */
  toStore(eventId: string | undefined, index: number): string | null {
    if (eventId === undefined) return this.derivedSuffix === undefined ? eventIdV7() : null;
    if (this.derivedSuffix !== undefined && this.isDerivedForm(eventId)) {
      throw new TypeError(
        `events[${index}].eventId has the form of the ids this store derives: give another`,
      );
    }
    return eventId;
  }

  /** The id of the row at `position` that stores none (a NULL `event_id`). */
  derivedId(position: number): string {
    if (this.derivedSuffix === undefined) {
      throw new Error(`event at position ${position} has no id, and the file derives none`);
    }
    if (position > DERIVED_POSITION_MAX) {
      throw new RangeError(`position ${position} is beyond the derived event ids`);
    }
    const p = position.toString(16).padStart(12, '0');
    return `${p.slice(0, 8)}-${p.slice(8)}${this.derivedSuffix}`;
  }

  private isDerivedForm(id: string): boolean {
    return (
      id.length === 36 &&
      id.endsWith(this.derivedSuffix!) &&
      /^[0-9a-f]{8}-[0-9a-f]{4}$/.test(id.slice(0, 13))
    );
  }
}

/** A new file's salt, stored by the schema's creation (sqlite-schema.ts). */
export function insertEventIdSalt(db: Database.Database): void {
  const salt = randomBytes(10).toString('hex').slice(0, SALT_HEX_LENGTH);
  db.prepare(`INSERT INTO ${EVENT_STORE_META_TABLE} (name, value) VALUES (?, ?)`).run(
    SALT_NAME,
    salt,
  );
}

/** `-8sss-vsss-ssssssssssss` from 19 hex digits of salt (the variant takes 2 bits of one). */
function derivedSuffix(salt: string): string {
  const variant = (0x8 | (parseInt(salt[3], 16) & 0x3)).toString(16);
  return `-8${salt.slice(0, 3)}-${variant}${salt.slice(4, 7)}-${salt.slice(7, SALT_HEX_LENGTH)}`;
}
