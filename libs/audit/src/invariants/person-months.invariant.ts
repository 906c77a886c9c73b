import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { Invariant, ReportViolation, str } from './invariant';

interface PersonMonths {
  /** month → the live claim holding it */
  owner: Map<string, string>;
}

/**
 * R-SEAT-6: a person's month is held by one live claim at a time, whichever
 * enterprise made it; a release gives a claim's months back. State: per
 * person, the months currently claimed (a few dozen at most).
 */
export class PersonMonthsInvariant implements Invariant {
  readonly name = 'one-employer-a-month';
  readonly rules = ['R-SEAT-6'];
  private readonly persons = new Map<string, PersonMonths>();

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    if (event.type === 'PersonMonthsClaimed') {
      const p = this.person(str(d['personKey']) ?? event.stream);
      const claimId = str(d['claimId']) ?? '';
      const months = Array.isArray(d['months']) ? (d['months'] as unknown[]) : [];
      const taken: string[] = [];
      for (const m of months) {
        if (typeof m !== 'string') continue;
        const owner = p.owner.get(m);
        if (owner !== undefined && owner !== claimId) taken.push(`${m} (claim ${owner})`);
        else p.owner.set(m, claimId);
      }
      if (taken.length > 0) {
        report(
          'R-SEAT-6',
          `claim ${claimId} claims months already held by another live claim: ${taken.join(', ')}`,
        );
      }
    } else if (event.type === 'PersonMonthsReleased') {
      const p = this.persons.get(str(d['personKey']) ?? event.stream);
      const claimId = str(d['claimId']);
      if (!p || claimId === undefined) return;
      for (const [m, owner] of p.owner) if (owner === claimId) p.owner.delete(m);
    }
  }

  private person(key: string): PersonMonths {
    let p = this.persons.get(key);
    if (!p) {
      p = { owner: new Map() };
      this.persons.set(key, p);
    }
    return p;
  }
}
