import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fen, Invariant, isFen, ReportViolation, str } from './invariant';

interface Clawback {
  caseId: string;
  dueFen: number;
  recoveredFen: number;
}

interface CaseMoney {
  dueFen: number;
  recoveredFen: number;
}

/**
 * R-FRAUD: no clawback (of a seat claim's share, or of a whole site or
 * internship tranche) is recovered beyond what was due, and no case beyond
 * the sum of its clawbacks; a recovery is exactly the sum of what it
 * allocates; the cap reservation behind a clawed-back payment is released
 * only once that clawback is fully recovered (the interpretation in RULES.md).
 * State: per clawback and per case, the amounts due and recovered; per
 * clawed-back reservation, its clawback.
 */
export class ClawbackInvariant implements Invariant {
  readonly name = 'clawback';
  readonly rules = ['R-FRAUD'];
  private readonly clawbacks = new Map<string, Clawback>();
  private readonly cases = new Map<string, CaseMoney>();
  /** reservation id → clawback ids of payments made for it */
  private readonly byReservation = new Map<string, string[]>();

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    switch (event.type) {
      case 'ClawbackAssessed':
        return this.assessed(d, report);
      case 'SiteTrancheFoundFalse':
      case 'InternshipTrancheFoundFalse': {
        // A whole tranche found false: its payment, if it was paid, is one clawback.
        const c = d['clawback'];
        if (c === undefined || c === null || typeof c !== 'object') return;
        return this.assessed({ ...(c as Record<string, unknown>), caseId: d['caseId'] }, report);
      }
      case 'RecoveryRecorded':
        return this.recovered(d, report);
      case 'CapReleased':
        return this.capReleased(d, report);
      default:
        return;
    }
  }

  private money(caseId: string): CaseMoney {
    let c = this.cases.get(caseId);
    if (!c) {
      c = { dueFen: 0, recoveredFen: 0 };
      this.cases.set(caseId, c);
    }
    return c;
  }

  private assessed(d: Record<string, unknown>, report: ReportViolation): void {
    const clawbackId = str(d['clawbackId']) ?? '';
    const caseId = str(d['caseId']) ?? '';
    const amount = d['amountFen'];
    if (!isFen(amount) || amount <= 0) {
      report('R-FRAUD', `clawback ${clawbackId} has no positive amount`);
      return;
    }
    if (this.clawbacks.has(clawbackId)) {
      report('R-FRAUD', `clawback ${clawbackId} is assessed twice`);
      return;
    }
    this.clawbacks.set(clawbackId, { caseId, dueFen: amount, recoveredFen: 0 });
    this.money(caseId).dueFen += amount;
    const reservationId = str(d['reservationId']);
    if (reservationId !== undefined) {
      this.byReservation.set(reservationId, [
        ...(this.byReservation.get(reservationId) ?? []),
        clawbackId,
      ]);
    }
  }

  private recovered(d: Record<string, unknown>, report: ReportViolation): void {
    const caseId = str(d['caseId']) ?? '';
    const recoveryId = str(d['recoveryId']) ?? '';
    const amount = d['amountFen'];
    if (!isFen(amount) || amount <= 0) {
      report('R-FRAUD', `recovery ${recoveryId} has no positive amount`);
      return;
    }
    const allocations = Array.isArray(d['allocations'])
      ? (d['allocations'] as Record<string, unknown>[])
      : [];
    let allocated = 0;
    for (const a of allocations) {
      const clawbackId = str(a['clawbackId']) ?? '';
      const share = fen(a['amountFen']);
      allocated += share;
      const c = this.clawbacks.get(clawbackId);
      if (!c) {
        report(
          'R-FRAUD',
          `recovery ${recoveryId} repays clawback ${clawbackId}, which was never assessed`,
        );
        continue;
      }
      if (c.caseId !== caseId) {
        report(
          'R-FRAUD',
          `recovery ${recoveryId} of case ${caseId} repays clawback ${clawbackId} of case ${c.caseId}`,
        );
      }
      c.recoveredFen += share;
      if (c.recoveredFen > c.dueFen) {
        report(
          'R-FRAUD',
          `clawback ${clawbackId} has ${c.recoveredFen} fen recovered, more than the ${c.dueFen} fen due`,
        );
      }
    }
    if (allocations.length > 0 && allocated !== amount) {
      report('R-FRAUD', `recovery ${recoveryId} of ${amount} fen allocates ${allocated} fen`);
    }
    const m = this.money(caseId);
    m.recoveredFen += amount;
    if (m.recoveredFen > m.dueFen) {
      report(
        'R-FRAUD',
        `case ${caseId} has ${m.recoveredFen} fen recovered, more than the ${m.dueFen} fen due back`,
      );
    }
  }

  private capReleased(d: Record<string, unknown>, report: ReportViolation): void {
    const reservationId = str(d['reservationId']) ?? '';
    for (const clawbackId of this.byReservation.get(reservationId) ?? []) {
      const c = this.clawbacks.get(clawbackId);
      if (c && c.recoveredFen < c.dueFen) {
        report(
          'R-FRAUD',
          `cap reservation ${reservationId} is released while clawback ${clawbackId} still has ${c.dueFen - c.recoveredFen} fen outstanding`,
        );
      }
    }
  }
}
