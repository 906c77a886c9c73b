import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fen, Invariant, ReportViolation, str } from './invariant';

interface LeaseCount {
  trancheId: string;
  siteId: string;
  from: string;
  to: string;
  seats: number;
  released: boolean;
}

interface EnterpriseSeats {
  /** Finished recognitions, in the order recorded. */
  recognitions: { recognizedOn: string; recognized: number }[];
  leaseCounts: LeaseCount[];
}

/**
 * Effective seats, recomputed from the recognitions:
 * - R-EFF: a recognition's count is the number of its roster's seats it
 *   recognised, and the count on a date is that of the latest recognition
 *   on or before it (the later recorded of one day), so every lease count
 *   names the effective seats of the day it was counted on (`countedOn`, the
 *   decision date when absent);
 * - R-SITE-LEASE: a lease tranche pays those seats less the ones other
 *   leases of the enterprise, not released, count for a lease year
 *   containing that day (a seat once a year).
 * State: per enterprise its recognitions and lease counts (a few a year).
 */
export class EffectiveSeatsInvariant implements Invariant {
  readonly name = 'effective-seats';
  readonly rules = ['R-EFF', 'R-SITE-LEASE'];
  private readonly enterprises = new Map<string, EnterpriseSeats>();

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    switch (event.type) {
      case 'EffectiveSeatsRecognized':
        return this.recognized(d, report);
      case 'LeaseSeatsCounted':
        return this.counted(d, report);
      case 'LeaseSeatsReleased': {
        const e = this.enterprise(str(d['enterpriseId']) ?? '');
        const c = e.leaseCounts.find((x) => x.trancheId === str(d['trancheId']));
        if (c) c.released = true;
        return;
      }
      default:
        return;
    }
  }

  private enterprise(enterpriseId: string): EnterpriseSeats {
    let e = this.enterprises.get(enterpriseId);
    if (!e) {
      e = { recognitions: [], leaseCounts: [] };
      this.enterprises.set(enterpriseId, e);
    }
    return e;
  }

  private recognized(d: Record<string, unknown>, report: ReportViolation): void {
    const seats = Array.isArray(d['seats']) ? (d['seats'] as Record<string, unknown>[]) : [];
    const recognizedSeats = seats.filter((s) => s['status'] === 'recognized').length;
    const recognized = fen(d['recognized']);
    if (recognized !== recognizedSeats) {
      report(
        'R-EFF',
        `recognition ${String(d['recognitionId'])} counts ${recognized} effective seats; its roster recognises ${recognizedSeats}`,
      );
    }
    this.enterprise(str(d['enterpriseId']) ?? '').recognitions.push({
      recognizedOn: str(d['recognizedOn']) ?? '',
      recognized,
    });
  }

  private counted(d: Record<string, unknown>, report: ReportViolation): void {
    const e = this.enterprise(str(d['enterpriseId']) ?? '');
    const trancheId = str(d['trancheId']) ?? '';
    const siteId = str(d['siteId']) ?? '';
    const on = str(d['countedOn']) ?? str(d['decidedOn']) ?? '';
    let latest: { recognizedOn: string; recognized: number } | undefined;
    for (const r of e.recognitions) {
      if (r.recognizedOn <= on && (!latest || r.recognizedOn >= latest.recognizedOn)) latest = r;
    }
    const expected = latest?.recognized ?? 0;
    const effectiveSeats = fen(d['effectiveSeats']);
    if (effectiveSeats !== expected) {
      report(
        'R-EFF',
        `lease tranche ${trancheId} counts ${effectiveSeats} effective seats on ${on}; the recognitions say ${expected}`,
      );
    }
    const elsewhere = e.leaseCounts
      .filter((c) => !c.released && c.siteId !== siteId && c.from <= on && on <= c.to)
      .reduce((sum, c) => sum + c.seats, 0);
    const seats = fen(d['seats']);
    const left = Math.max(0, effectiveSeats - elsewhere);
    if (seats !== left) {
      report(
        'R-SITE-LEASE',
        `lease tranche ${trancheId} pays ${seats} seats; ${effectiveSeats} effective less ${elsewhere} counted by other leases leaves ${left}`,
      );
    }
    e.leaseCounts.push({
      trancheId,
      siteId,
      from: str(d['leaseYearFrom']) ?? '',
      to: str(d['leaseYearTo']) ?? '',
      seats,
      released: false,
    });
  }
}
