import Database from 'better-sqlite3';
import { eventHashInput, storedEventTexts } from '@ledger/event-store/integrity/event-seal';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import {
  DocumentProjection,
  isListIndexCollection,
  listedIdOf,
} from '@ledger/projections/read-model';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import {
  DOCUMENTS_TABLE,
  JOURNAL_TABLES,
} from '@ledger/projections/sqlite/sqlite-read-model.schema';
import type { Template } from '../history';
import { compileText, TextTemplate, TokenTable } from './text-template';

/**
 * One story of the template (history.ts) compiled for copying straight into
 * the store's tables: its events and read-model rows as texts
 * with holes for what differs between copies (identifiers, event ids, hashes,
 * positions).
 *
 * The read-model rows are what the real projector (`SqliteReadModels`, every
 * projection) writes for the template's events placed at the positions
 * `POSITION_MARK + 1…`, a number no other value of the story contains, so a
 * position in a row (a column, a `listedAt`, a work-list sort key padded to
 * 16 digits) is a token like the identifiers. A document no identifier of
 * the story names (a budget of the year, shared by every story) is not
 * copied: `globalSteps` say which events evolve it, and the writer folds them
 * with the projection itself, copy after copy.
 */
export const POSITION_MARK = 8_642_097_531_000;
const MARK_DIGITS = String(POSITION_MARK).slice(0, 10);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export interface CompiledEvent {
  stream: TextTemplate;
  revision: number;
  type: string;
  data: TextTemplate;
  metadata: TextTemplate;
  /** The canonical text its hash is over (ADR 0007), `prevHash` a hole. */
  hashInput: TextTemplate;
  /** The slot of its own hash: the next event of the stream links to it. */
  hashSlot: number;
}

/** A column value: as recorded, a text with holes, or the position of event `k` (1-based). */
export type CompiledValue =
  { literal: string | number | null } | { text: TextTemplate } | { position: number };

export interface CompiledDocument {
  collection: TextTemplate;
  id: TextTemplate;
  doc: TextTemplate;
  /** The event that last wrote it (1-based in the story). */
  position: number;
}

/** Event `event` (0-based) evolves the shared document `id` of `projection`. */
export interface GlobalStep {
  event: number;
  projection: DocumentProjection<object>;
  id: string;
}

export interface CompiledStory {
  template: Template;
  eventsPerStory: number;
  events: CompiledEvent[];
  documents: CompiledDocument[];
  journalRows: { table: string; values: CompiledValue[] }[];
  globalSteps: GlobalStep[];
  /** The slot of each event's id. */
  eventIdSlots: readonly number[];
  /** Every slot's value for story `n` whose first event lands at `base + 1`; hashes left empty. */
  valuesFor(n: number, base: number): string[];
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
/**
 * Event ids of copies: unique per (story, event) and increasing with both, so
 * the `event_id` index grows at its end (a random id lands anywhere in it).
 */
export const copyEventId = (n: number, k: number) =>
  `${hex(n, 8)}-${hex(k, 4)}-4000-8000-e0000000000e`;
const copyUuid = (n: number, i: number) => `c${hex(i, 7)}-0000-4000-8000-${hex(n, 12)}`;

export function compileStory(template: Template): CompiledStory {
  const recorded = template.recorded;
  const count = recorded.length;
  recorded.forEach((e, i) => {
    if (e.position !== i + 1) throw new Error('the template must start a fresh log');
  });
  const table = new TokenTable();
  const identifiers = new Map<number, string>(); // slot → template token
  const replacements0 = template.replacementsFor(0);
  for (const token of replacements0.keys()) identifiers.set(table.add(token), token);
  const eventIdSlots = recorded.map((e) => table.add(e.eventId));
  const hashSlots = recorded.map((e) => {
    if (!e.metadata.hash) throw new Error('the template is not sealed');
    return table.add(e.metadata.hash);
  });
  const positionSlots = recorded.map((_, i) => [
    table.add(String(POSITION_MARK + i + 1)),
    table.add(String(POSITION_MARK + i + 1).padStart(16, '0')),
  ]);

  // Read models: the projector over the template at the marked positions.
  const marked = recorded.map((e, i) => ({ ...e, position: POSITION_MARK + i + 1 }));
  const scratch = new Database(':memory:');
  const documentRows: { collection: string; id: string; doc: string; position: number }[] = [];
  const journalRows: { table: string; row: unknown[] }[] = [];
  try {
    new SqliteReadModels(scratch).applyEvents(marked);
    documentRows.push(
      ...(scratch
        .prepare(`SELECT collection, id, doc, position FROM ${DOCUMENTS_TABLE}`)
        .all() as typeof documentRows),
    );
    for (const t of JOURNAL_TABLES) {
      for (const row of scratch.prepare(`SELECT * FROM ${t.table}`).raw().all() as unknown[][]) {
        journalRows.push({ table: t.table, row });
      }
    }
  } finally {
    scratch.close();
  }

  // Identifiers the template map does not name (ids a process makes up, e.g. a clearance):
  // every UUID left in the events' texts becomes a token of its own.
  const extraUuids: number[] = [];
  // The texts the store keeps for each event (canonical, ADR 0020 §104).
  const stored = recorded.map((e) => {
    const texts = storedEventTexts(e);
    if (texts === undefined) throw new Error('the template is not sealed');
    return texts;
  });
  const eventTexts = recorded.flatMap((e, i) => [e.stream, stored[i].data, stored[i].metadata]);
  for (const text of eventTexts) {
    for (const part of compileText(text, table).parts) {
      for (const m of part.matchAll(UUID)) {
        if (table.slotOf(m[0]) === undefined) extraUuids.push(table.add(m[0]));
      }
    }
  }
  const storySlot = new Set<number>([
    ...identifiers.keys(),
    ...extraUuids,
    ...eventIdSlots,
    ...hashSlots,
  ]);
  const ofStory = (t: TextTemplate) => t.slots.some((s) => storySlot.has(s));
  const identifierCores = [...identifiers.values()].map((t) => t.replace(/^"|"$/g, ''));
  const leftoverIdentifier = (part: string) => identifierCores.some((core) => part.includes(core));
  const compile = (text: string, where: string) => {
    const compiled = compileText(text, table);
    const leftover = compiled.parts.find((p) => p.includes(MARK_DIGITS) || leftoverIdentifier(p));
    if (leftover !== undefined)
      throw new Error(`${where}: an identifier or position left in "${leftover}"`);
    return compiled;
  };

  const events = recorded.map((e, i): CompiledEvent => {
    assertNoTokenInKeys(e.data, table, `event ${i + 1} data`);
    assertNoTokenInKeys(e.metadata, table, `event ${i + 1} metadata`);
    return {
      stream: compile(e.stream, `event ${i + 1} stream`),
      revision: e.revision,
      type: e.type,
      data: compile(stored[i].data, `event ${i + 1} data`),
      metadata: compile(stored[i].metadata, `event ${i + 1} metadata`),
      hashInput: compile(eventHashInput(e), `event ${i + 1} hash input`),
      hashSlot: hashSlots[i],
    };
  });
  // Documents no identifier names are shared by every story: folded, not copied.
  const globalSteps: GlobalStep[] = [];
  const globalIds = new Set<string>();
  marked.forEach((event, i) => {
    for (const projection of LEDGER_PROJECTIONS) {
      if (projection.kind !== 'document') continue;
      for (const id of projection.documentIds(event)) {
        if (ofStory(compileText(`${projection.collection}\u0000${id}`, table))) continue;
        globalSteps.push({ event: i, projection, id });
        globalIds.add(`${projection.collection}\u0000${id}`);
      }
    }
  });
  const isGlobal = (collection: string, id: string) =>
    globalIds.has(`${collection}\u0000${id}`) ||
    (isListIndexCollection(collection) &&
      globalIds.has(`${collection.slice(0, collection.indexOf('~'))}\u0000${listedIdOf(id)}`));
  const documents: CompiledDocument[] = [];
  for (const row of documentRows) {
    if (isGlobal(row.collection, row.id)) continue;
    const where = `document ${row.collection} ${row.id}`;
    const compiled: CompiledDocument = {
      collection: compile(row.collection, where),
      id: compile(row.id, where),
      doc: compile(row.doc, where),
      position: row.position - POSITION_MARK,
    };
    if (!ofStory(compiled.collection) && !ofStory(compiled.id)) {
      throw new Error(`${where}: no projection says which events write it`);
    }
    assertNoTokenInKeys(JSON.parse(row.doc), table, where);
    documents.push(compiled);
  }
  const compiledJournal = journalRows.map(({ table: name, row }) => ({
    table: name,
    values: row.map((value): CompiledValue => {
      if (typeof value === 'number' && value > POSITION_MARK && value <= POSITION_MARK + count) {
        return { position: value - POSITION_MARK };
      }
      if (typeof value === 'string') return { text: compile(value, `${name} row`) };
      if (typeof value === 'number' || value === null) return { literal: value };
      throw new Error(`${name}: a column of type ${typeof value}`);
    }),
  }));

  const identifierSlots = [...identifiers];
  return {
    template,
    eventsPerStory: count,
    events,
    documents,
    journalRows: compiledJournal,
    globalSteps,
    eventIdSlots,
    valuesFor(n, base) {
      const values = new Array<string>(table.size).fill('');
      const map = template.replacementsFor(n);
      for (const [slot, token] of identifierSlots) values[slot] = map.get(token)!;
      extraUuids.forEach((slot, i) => (values[slot] = copyUuid(n, i)));
      for (let k = 0; k < count; k++) {
        values[eventIdSlots[k]] = copyEventId(n, k);
        const position = String(base + k + 1);
        values[positionSlots[k][0]] = position;
        values[positionSlots[k][1]] = position.padStart(16, '0');
      }
      return values;
    },
  };
}

/**
 * A copy is its template's text with tokens replaced, which is the structure
 * with its values replaced only while no object key holds a token (keys order
 * a canonical hash input, and integer-like keys order a JS object).
 */
function assertNoTokenInKeys(value: unknown, table: TokenTable, where: string): void {
  if (Array.isArray(value)) {
    for (const v of value) assertNoTokenInKeys(v, table, where);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (compileText(key, table).slots.length > 0 || key.includes(MARK_DIGITS)) {
        throw new Error(`${where}: the key "${key}" holds an identifier or a position`);
      }
      assertNoTokenInKeys(v, table, where);
    }
  }
}
