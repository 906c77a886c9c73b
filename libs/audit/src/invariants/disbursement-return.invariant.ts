import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fen, Invariant, ReportViolation, str } from './invariant';

const PAYMENTS: ReadonlySet<string> = new Set([
  'TrancheDisbursed',
  'SiteTrancheDisbursed',
  'InternshipTrancheDisbursed',
]);

/** 退票 (issue #14): every programme's return event carries the same fields. */
export const RETURNS: ReadonlySet<string> = new Set([
  'DisbursementReturned',
  'SiteDisbursementReturned',
  'InternshipDisbursementReturned',
]);

interface Payment {
  trancheId: string;
  amountFen: number;
  paidOn: string;
  returned: boolean;
}

/**
 * Nothing returned counted as paid (issue #14):
 * - R-PAY: a return names the payment its tranche is paid with now, for its
 *   amount, once; R-DATE: not before the payment;
 * - R-FRAUD: a returned payment is not paid, so no clawback is assessed on it
 *   and no recovery is allocated to it (a finding on the tranche after the
 *   return cancels it instead).
 * The tranche life (TrancheInvariant) counts a returned tranche unpaid, so it
 * may be paid again once. State: every payment (tranche, amount, date,
 * returned), and the payment each tranche is paid with now.
 */
export class DisbursementReturnInvariant implements Invariant {
  readonly name = 'disbursement-return';
  readonly rules = ['R-PAY', 'R-DATE', 'R-FRAUD'];
  private readonly payments = new Map<string, Payment>();
  private readonly paidWith = new Map<string, string>();

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    if (PAYMENTS.has(event.type)) {
      const trancheId = str(d['trancheId']) ?? '';
      const disbursementId = str(d['disbursementId']) ?? '';
      this.payments.set(disbursementId, {
        trancheId,
        amountFen: fen(d['amountFen']),
        paidOn: str(d['paidOn']) ?? '',
        returned: false,
      });
      this.paidWith.set(trancheId, disbursementId);
      return;
    }
    if (RETURNS.has(event.type)) return this.returned(d, report);
    switch (event.type) {
      case 'ClawbackAssessed':
        return this.notReturned(str(d['disbursementId']), 'a clawback is assessed on', report);
      case 'SiteTrancheFoundFalse':
      case 'InternshipTrancheFoundFalse': {
        const clawback = d['clawback'] as Record<string, unknown> | undefined;
        if (clawback) {
          this.notReturned(str(clawback['disbursementId']), 'a clawback is assessed on', report);
        }
        return;
      }
      case 'RecoveryRecorded': {
        const allocations = Array.isArray(d['allocations'])
          ? (d['allocations'] as Record<string, unknown>[])
          : [];
        for (const a of allocations) {
          this.notReturned(str(a['disbursementId']), 'a recovery is allocated to', report);
        }
        return;
      }
      default:
        return;
    }
  }

  private returned(d: Record<string, unknown>, report: ReportViolation): void {
    const disbursementId = str(d['disbursementId']) ?? '';
    const trancheId = str(d['trancheId']) ?? '';
    const p = this.payments.get(disbursementId);
    if (!p || p.trancheId !== trancheId) {
      report(
        'R-PAY',
        `a return names payment ${disbursementId} of tranche ${trancheId}, never made`,
      );
      return;
    }
    if (p.returned) {
      report('R-PAY', `payment ${disbursementId} is returned twice`);
      return;
    }
    if (this.paidWith.get(trancheId) !== disbursementId) {
      report(
        'R-PAY',
        `payment ${disbursementId} is returned, but tranche ${trancheId} is not paid with it`,
      );
    }
    if (fen(d['amountFen']) !== p.amountFen) {
      report(
        'R-PAY',
        `return of payment ${disbursementId} for ${fen(d['amountFen'])} fen, which paid ${p.amountFen} fen`,
      );
    }
    const returnedOn = str(d['returnedOn']) ?? '';
    if (returnedOn < p.paidOn) {
      report(
        'R-DATE',
        `payment ${disbursementId} paid on ${p.paidOn} is returned on ${returnedOn}`,
      );
    }
    // ADR 0021: reports place a return by its payment's year; a return must say it truly.
    const paidOn = str(d['paidOn']);
    if (paidOn !== undefined && paidOn !== p.paidOn) {
      report(
        'R-DATE',
        `return of payment ${disbursementId} says it was paid on ${paidOn}; it was paid on ${p.paidOn}`,
      );
    }
    p.returned = true;
    this.paidWith.delete(trancheId);
  }

  private notReturned(
    disbursementId: string | undefined,
    what: string,
    report: ReportViolation,
  ): void {
    if (disbursementId === undefined || !this.payments.get(disbursementId)?.returned) return;
    report('R-FRAUD', `${what} payment ${disbursementId}, which was returned (not paid)`);
  }
}
