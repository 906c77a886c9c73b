import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { SpillMap, type SpillStore, spillMapOf } from '../spill-map';
import { Invariant, ReportViolation, str } from './invariant';
import { SpilledFacts } from './spilled-facts';

const PAYMENTS: ReadonlySet<string> = new Set([
  'TrancheDisbursed',
  'SiteTrancheDisbursed',
  'InternshipTrancheDisbursed',
]);

/** What a bank reference was first counted as. */
type Counted =
  | { kind: 'payment'; disbursementId: string }
  | { kind: 'recovery'; recoveryId: string; caseId: string }
  /** 退票 (issue #14): the transfer that brought a payment back. */
  | { kind: 'return'; disbursementId: string };

const RETURNS: ReadonlySet<string> = new Set([
  'DisbursementReturned',
  'SiteDisbursementReturned',
  'InternshipDisbursementReturned',
]);

const countedAs = (c: Counted) =>
  c.kind === 'payment'
    ? `payment ${c.disbursementId}`
    : c.kind === 'return'
      ? `the return of payment ${c.disbursementId}`
      : `recovery ${c.recoveryId} of case ${c.caseId}`;

/**
 * One incoming or outgoing transfer is counted once (issue #12):
 * - R-FRAUD / R-PAY: a bank reference backs one payment or one recovery,
 *   across every case and every programme. Payments twice on one reference
 *   are TrancheInvariant's; this one names a recovery sharing a reference
 *   with a payment or with a recovery of any case. Recoveries recorded
 *   before references were shared were checked per case only: such a
 *   duplicate is reported here, at the second recovery (the history is not
 *   rewritten);
 * - a payment or recovery is never recorded once the claim of its reference
 *   was released (it lost a race and was refused).
 * State: per bank reference, what it was counted as; the payments and
 * recoveries recorded, and the claims released, by id. The first two grow
 * with every payment and spill past a bound when given a `SpillStore`
 * (ADR 0020 §81).
 */
export class BankReferenceInvariant implements Invariant {
  readonly name = 'bank-reference';
  readonly rules = ['R-PAY', 'R-FRAUD'];
  private readonly counted: SpilledFacts<Counted>;
  /** processId (disbursement or recovery id) → bank reference of a released claim. */
  private readonly released = new Map<string, string>();
  /** disbursement or recovery id → its bank reference, once recorded. */
  private readonly recorded: SpillMap;

  constructor(spill?: SpillStore) {
    this.counted = new SpilledFacts(spill);
    this.recorded = spillMapOf(spill);
  }

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    if (PAYMENTS.has(event.type)) {
      const disbursementId = str(d['disbursementId']) ?? '';
      this.count(str(d['bankRef']) ?? '', { kind: 'payment', disbursementId }, report);
      return;
    }
    if (RETURNS.has(event.type)) {
      const disbursementId = str(d['disbursementId']) ?? '';
      this.count(str(d['bankRef']) ?? '', { kind: 'return', disbursementId }, report);
      return;
    }
    switch (event.type) {
      case 'RecoveryRecorded': {
        const recoveryId = str(d['recoveryId']) ?? '';
        const caseId = str(d['caseId']) ?? '';
        this.count(str(d['bankRef']) ?? '', { kind: 'recovery', recoveryId, caseId }, report);
        return;
      }
      case 'BankReferenceReleased': {
        const processId = str(d['processId']) ?? '';
        const bankRef = str(d['bankRef']) ?? '';
        this.released.set(processId, bankRef);
        if (this.recorded.has(processId))
          this.reportReleased(processId, d['kind'], bankRef, report);
        return;
      }
      default:
        return;
    }
  }

  private count(bankRef: string, c: Counted, report: ReportViolation): void {
    const id =
      c.kind === 'payment'
        ? c.disbursementId
        : c.kind === 'return'
          ? `${c.disbursementId}:return`
          : c.recoveryId;
    this.recorded.set(id, bankRef);
    const releasedRef = this.released.get(id);
    if (releasedRef !== undefined) this.reportReleased(id, c.kind, releasedRef, report);
    const first = this.counted.get(bankRef);
    if (!first) {
      this.counted.set(bankRef, c);
      return;
    }
    // Two payments on one reference: TrancheInvariant reports it (R-PAY).
    if (first.kind === 'payment' && c.kind === 'payment') return;
    report(
      c.kind === 'recovery' ? 'R-FRAUD' : 'R-PAY',
      `bank reference ${bankRef} is counted by ${countedAs(c)} and by ${countedAs(first)}: one transfer is counted once`,
    );
  }

  private reportReleased(
    id: string,
    kind: unknown,
    bankRef: string,
    report: ReportViolation,
  ): void {
    const what = kind === 'recovery' ? 'recovery' : kind === 'return' ? 'return' : 'payment';
    report(
      what === 'recovery' ? 'R-FRAUD' : 'R-PAY',
      `${what} ${id} is recorded although its bank reference ${bankRef} was released`,
    );
  }
}
