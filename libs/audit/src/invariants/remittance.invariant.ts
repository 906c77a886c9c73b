import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fen, Invariant, ReportViolation, str } from './invariant';

/**
 * Recovered money remitted to the treasury (issue #14): per fiscal year, what
 * is remitted never exceeds what was recovered in it (recoveries by the year
 * of `receivedOn`). State: two sums per year.
 */
export class RemittanceInvariant implements Invariant {
  readonly name = 'remittance';
  readonly rules = ['R-FRAUD'];
  private readonly recovered = new Map<number, number>();
  private readonly remitted = new Map<number, number>();

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    if (event.type === 'RecoveryRecorded') {
      const year = Number((str(d['receivedOn']) ?? '').slice(0, 4));
      this.recovered.set(year, (this.recovered.get(year) ?? 0) + fen(d['amountFen']));
      return;
    }
    if (event.type !== 'RemittanceRecorded') return;
    const year = typeof d['fiscalYear'] === 'number' ? d['fiscalYear'] : NaN;
    const remitted = (this.remitted.get(year) ?? 0) + fen(d['amountFen']);
    this.remitted.set(year, remitted);
    const recovered = this.recovered.get(year) ?? 0;
    if (remitted > recovered) {
      report(
        'R-FRAUD',
        `fiscal year ${year}: ${remitted} fen remitted, more than the ${recovered} fen recovered`,
      );
    }
  }
}
