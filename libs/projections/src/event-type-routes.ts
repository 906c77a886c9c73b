import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { Projection } from './read-model';

/**
 * The first events of each type that every projection is asked about,
 * whatever it declares. Enough to meet a type's common shapes; the cost is
 * a few thousand events asked in full out of a million.
 */
export const EVENT_TYPE_PROBE_EVENTS = 64;

/** A projection that answered an event of a type it does not declare in `eventTypes`. */
export interface UndeclaredAnswer {
  projection: string;
  type: string;
  position: number;
}

/** The events of one page and which of them every projection is asked about. */
export interface EventRouting {
  routes: EventTypeRoutes;
  /** By index in the page: asked of every projection (`EventTypeRoutes.probe`). */
  probed: readonly boolean[];
}

/**
 * Which projections a replay asks about an event, by its type (ADR 0020
 * §106): those that declare it in `eventTypes`, and those that declare none.
 * A replay otherwise asks ~30 projections about every event, and most say
 * no (`asLedgerEvent` and `documentIds` alone were ~2 of the main thread's
 * 36 CPU s of `ledger verify` at 1M events).
 *
 * A declaration that leaves out a type the projection reads would make the
 * replay skip what the live read models hold. So the first
 * `EVENT_TYPE_PROBE_EVENTS` events of each type go to every projection; one
 * that answers such an event without declaring its type is asked about
 * that type from then on and listed in `undeclared`, and since every earlier
 * event of the type was asked of it too, the replay is still whole. Only
 * the replay of verification routes; the live read models and the rebuild
 * ask every projection, so a declaration too narrow for an event past the
 * probes shows in verification as a difference, not in the ledger.
 */
export class EventTypeRoutes {
  /** Per projection: the types it is asked about, undefined for every type. */
  private readonly typesOf = new Map<Projection, Set<string> | undefined>();
  /** Events of each type seen so far, up to the probes. */
  private readonly seenOf = new Map<string, number>();
  readonly undeclared: UndeclaredAnswer[] = [];

  constructor(
    projections: readonly Projection[],
    private readonly probeEvents = EVENT_TYPE_PROBE_EVENTS,
  ) {
    for (const p of projections) {
      this.typesOf.set(
        p,
        p.eventTypes === undefined || p.eventTypes === 'every' ? undefined : new Set(p.eventTypes),
      );
    }
  }

  /** A page, in order, once: marks the events every projection is asked about. */
  probe(events: readonly RecordedEvent[]): EventRouting {
    const probed = new Array<boolean>(events.length);
    for (let i = 0; i < events.length; i++) {
      const type = events[i].type;
      const seen = this.seenOf.get(type) ?? 0;
      probed[i] = seen < this.probeEvents;
      if (probed[i]) this.seenOf.set(type, seen + 1);
    }
    return { routes: this, probed };
  }

  /** The types `projection` is asked about; undefined: every type. */
  typesFor(projection: Projection): ReadonlySet<string> | undefined {
    return this.typesOf.get(projection);
  }

  /**
   * Whether to ask `projection` about `event`: of a type in `types` (its
   * `typesFor`, looked up once a page), else only a probed one it answers.
   */
  asks(
    projection: Projection,
    types: ReadonlySet<string> | undefined,
    event: RecordedEvent,
    probed: boolean,
  ): boolean {
    return (
      types === undefined || types.has(event.type) || this.asksUndeclared(projection, event, probed)
    );
  }

  /** Asked of a probed event it answers, then of every later one of the type. */
  private asksUndeclared(projection: Projection, event: RecordedEvent, probed: boolean): boolean {
    if (!probed || !answers(projection, event)) return false;
    this.typesOf.get(projection)?.add(event.type);
    this.undeclared.push({
      projection: projection.name,
      type: event.type,
      position: event.position,
    });
    return true;
  }
}

/** Whether the projection reads the event at all (projections are pure: asking twice is safe). */
function answers(projection: Projection, event: RecordedEvent): boolean {
  return projection.kind === 'journal'
    ? projection.project(event).length > 0
    : projection.documentIds(event).length > 0;
}

/**
 * What verification's report says of `undeclared` (its read models' note):
 * the replay asked those projections all the same, so the comparison holds,
 * but the build's declarations are wrong and a rarer shape of the type could
 * be missed. A defect of the code, not of the ledger.
 */
export function describeUndeclared(undeclared: readonly UndeclaredAnswer[], listedMax = 5): string {
  const listed = undeclared
    .slice(0, listedMax)
    .map((u) => `${u.projection} reads ${u.type} (first at position ${u.position})`)
    .join('; ');
  const more = undeclared.length > listedMax ? `; and ${undeclared.length - listedMax} more` : '';
  return `read models that read event types they do not declare (eventTypes) were asked about them all the same: ${listed}${more}. A defect of this build of the ledger, not of the ledger's data`;
}
