import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { Invariant, ReportViolation, str } from './invariant';

/** Approvals and payments, and whose money each is: the enterprise's or the school's. */
const MONEY_EVENTS: Readonly<Record<string, 'enterpriseId' | 'schoolId'>> = {
  TrancheApprovalStarted: 'enterpriseId',
  TrancheApproved: 'enterpriseId',
  TrancheDisbursed: 'enterpriseId',
  SiteTrancheApprovalStarted: 'enterpriseId',
  SiteTrancheApproved: 'enterpriseId',
  SiteTrancheDisbursed: 'enterpriseId',
  InternshipTrancheApprovalStarted: 'schoolId',
  InternshipTrancheApproved: 'schoolId',
  InternshipTrancheDisbursed: 'schoolId',
};

/**
 * R-FRAUD "no race window" (RULES.md amended, issue #12): no tranche approval
 * (its start or its end) and no payment of an enterprise or a school is
 * recorded, in global order, after a suspension of it and before that
 * suspension is lifted. Positions, not business dates: a suspension is a
 * state of the party from the moment it is recorded. State: per party, the
 * cases whose suspension is in force.
 */
export class SuspensionInvariant implements Invariant {
  readonly name = 'suspension';
  readonly rules = ['R-FRAUD'];
  /** `enterprise:{id}` / `school:{id}` → case id → position of its suspension. */
  private readonly suspended = new Map<string, Map<string, number>>();

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    switch (event.type) {
      case 'EnterpriseSuspended':
        return this.suspend(`enterprise ${str(d['enterpriseId'])}`, d, event.position);
      case 'SchoolSuspended':
        return this.suspend(`school ${str(d['schoolId'])}`, d, event.position);
      case 'EnterpriseSuspensionLifted':
        return this.lift(`enterprise ${str(d['enterpriseId'])}`, d);
      case 'SchoolSuspensionLifted':
        return this.lift(`school ${str(d['schoolId'])}`, d);
      default:
        break;
    }
    const field = MONEY_EVENTS[event.type];
    if (field === undefined) return;
    const party = `${field === 'schoolId' ? 'school' : 'enterprise'} ${str(d[field])}`;
    const cases = this.suspended.get(party);
    if (!cases || cases.size === 0) return;
    const since = Math.min(...cases.values());
    report(
      'R-FRAUD',
      `${event.type} of tranche ${str(d['trancheId'])} recorded while ${party} is suspended by case ${[...cases.keys()].join(', ')} (since position ${since})`,
    );
  }

  private suspend(party: string, d: Record<string, unknown>, position: number): void {
    const caseId = str(d['caseId']) ?? '';
    const cases = this.suspended.get(party) ?? new Map<string, number>();
    if (!cases.has(caseId)) cases.set(caseId, position);
    this.suspended.set(party, cases);
  }

  private lift(party: string, d: Record<string, unknown>): void {
    const cases = this.suspended.get(party);
    if (!cases) return;
    cases.delete(str(d['caseId']) ?? '');
    if (cases.size === 0) this.suspended.delete(party);
  }
}
