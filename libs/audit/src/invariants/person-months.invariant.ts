import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { packedMonths, packMonth, packRecords, unpackMonth, unpackRecords } from './compact-state';
import { SpillMap } from '../spill-map';
import { Invariant, ReportViolation, str } from './invariant';

/**
 * R-SEAT-6: a person's month is held by one live claim at a time, whichever
 * enterprise made it; a release gives a claim's months back. State: per
 * person, the live claims and their months, packed into one short string
 * (compact-state.ts): `claimId ␂ months` records.
 */
export class PersonMonthsInvariant implements Invariant {
  readonly name = 'one-employer-a-month';
  readonly rules = ['R-SEAT-6'];

  /** Per person, spilled to disk past a bound (a million persons must fit). */
  constructor(private readonly persons: SpillMap = new SpillMap()) {}

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    if (event.type === 'PersonMonthsClaimed') {
      const key = str(d['personKey']) ?? event.stream;
      const claims = unpackRecords(this.persons.get(key));
      const claimId = str(d['claimId']) ?? '';
      const months = Array.isArray(d['months']) ? (d['months'] as unknown[]) : [];
      const taken: string[] = [];
      let own = claims.find((c) => c[0] === claimId);
      if (!own) {
        own = [claimId, ''];
        claims.push(own);
      }
      for (const m of months) {
        const packed = typeof m === 'string' ? packMonth(m) : undefined;
        if (packed === undefined) continue;
        const holder = claims.find((c) => packedMonths(c[1]).includes(packed));
        if (holder === undefined) own[1] += packed;
        else if (holder !== own) taken.push(`${unpackMonth(packed)} (claim ${holder[0]})`);
      }
      this.persons.set(key, packRecords(claims.filter((c) => c[1] !== '')));
      if (taken.length > 0) {
        report(
          'R-SEAT-6',
          `claim ${claimId} claims months already held by another live claim: ${taken.join(', ')}`,
        );
      }
    } else if (event.type === 'PersonMonthsReleased') {
      const key = str(d['personKey']) ?? event.stream;
      const packed = this.persons.get(key);
      const claimId = str(d['claimId']);
      if (packed === undefined || claimId === undefined) return;
      this.persons.set(key, packRecords(unpackRecords(packed).filter((c) => c[0] !== claimId)));
    }
  }
}
