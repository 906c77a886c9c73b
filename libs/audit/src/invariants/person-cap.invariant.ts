import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { SpillMap } from '../spill-map';
import { packRecords, unpackRecords } from './compact-state';
import { fen, Invariant, isFen, PolicyLookup, ReportViolation, str } from './invariant';

interface Reservation {
  id: string;
  amountFen: number;
  released: boolean;
}

/** Unpacked only while an event of the person is observed. */
interface PersonCap {
  usedFen: number;
  reservations: Reservation[];
}

/** `usedFen ␁ id ␂ amountFen ␂ released …` (compact-state.ts). */
function unpack(packed: string | undefined): PersonCap {
  const [head, ...rest] = unpackRecords(packed);
  return {
    usedFen: head ? Number(head[0]) : 0,
    reservations: rest.map(([id, amount, released]) => ({
      id,
      amountFen: Number(amount),
      released: released === '1',
    })),
  };
}

function pack(p: PersonCap): string {
  return packRecords([
    [p.usedFen],
    ...p.reservations.map((r) => [r.id, r.amountFen, r.released ? 1 : 0]),
  ]);
}

/**
 * R-SEAT-5: no person's seat subsidy, summed over every employer, ever goes
 * over the cap; each reservation is at most what was asked, decided on the
 * usage the person's history really had, and released at most once, for what
 * it reserved. State: per person, the usage and its reservations (at most a
 * few per claim).
 */
export class PersonCapInvariant implements Invariant {
  readonly name = 'person-cap';
  readonly rules = ['R-SEAT-5'];
  constructor(
    private readonly policyOf: PolicyLookup,
    /** Per person, packed (compact-state.ts), spilled to disk past a bound: a million persons must fit. */
    private readonly persons: SpillMap = new SpillMap(),
  ) {}

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    if (event.type === 'CapReserved') this.reserved(d, report);
    else if (event.type === 'CapReleased') this.released(d, report);
  }

  /** Usage now, for other checks and tests. */
  usedFen(personKey: string): number {
    return unpack(this.persons.get(personKey)).usedFen;
  }

  private reserved(d: Record<string, unknown>, report: ReportViolation): void {
    const key = str(d['personKey']) ?? '';
    const reservationId = str(d['reservationId']) ?? '';
    const p = unpack(this.persons.get(key));
    const amountFen = d['amountFen'];
    if (!isFen(amountFen) || amountFen < 0) {
      report('R-SEAT-5', `reservation ${reservationId} has no valid amountFen`);
      return;
    }
    if (p.reservations.some((r) => r.id === reservationId)) {
      report('R-SEAT-5', `reservation ${reservationId} is recorded twice`);
      return;
    }
    if (isFen(d['requestedFen']) && amountFen > d['requestedFen']) {
      report(
        'R-SEAT-5',
        `reservation ${reservationId} reserves ${amountFen} fen, more than the ${d['requestedFen']} fen asked`,
      );
    }
    if (isFen(d['usedFenBefore']) && d['usedFenBefore'] !== p.usedFen) {
      report(
        'R-SEAT-5',
        `reservation ${reservationId} was decided on ${d['usedFenBefore']} fen used; the person's history says ${p.usedFen} fen`,
      );
    }
    const policy = this.policyOf(str(d['policyVersion']));
    const capFen = policy?.seat.personCapFen ?? fen(d['capFen']);
    if (p.usedFen + amountFen > capFen) {
      report(
        'R-SEAT-5',
        `person ${key} would be at ${p.usedFen + amountFen} fen, over the cap of ${capFen} fen`,
      );
    }
    p.reservations.push({ id: reservationId, amountFen, released: false });
    p.usedFen += amountFen;
    this.persons.set(key, pack(p));
  }

  private released(d: Record<string, unknown>, report: ReportViolation): void {
    const key = str(d['personKey']) ?? '';
    const reservationId = str(d['reservationId']) ?? '';
    const p = unpack(this.persons.get(key));
    const r = p.reservations.find((x) => x.id === reservationId);
    if (!r) {
      report('R-SEAT-5', `release of reservation ${reservationId}, which was never made`);
      return;
    }
    if (r.released) {
      report('R-SEAT-5', `reservation ${reservationId} is released twice`);
      return;
    }
    if (d['amountFen'] !== r.amountFen) {
      report(
        'R-SEAT-5',
        `release of ${String(d['amountFen'])} fen for reservation ${reservationId}, which reserved ${r.amountFen} fen`,
      );
    }
    r.released = true;
    p.usedFen -= r.amountFen;
    this.persons.set(key, pack(p));
  }
}
