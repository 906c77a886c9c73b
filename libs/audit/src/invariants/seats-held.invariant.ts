import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { SpillMap, type SpillStore, spillMapOf } from '../spill-map';
import { Invariant, PolicyLookup, ReportViolation, str } from './invariant';
import { SpilledFacts } from './spilled-facts';

interface SeatCounts {
  declared: number;
  /** `[verifiedOn, seats]` in the order recorded. */
  verified: [string, number][];
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * R-SEAT-8: the claims an enterprise holds open never exceed its seat count.
 * A claim opens when its application is registered on the enterprise stream
 * (`SeatApplicationRegistered.claimsAdmitted`: the first claims of the
 * application) and closes on the events that end it, read here from the
 * events themselves and not from the ledger's own `SeatsReleased`: refused at
 * submission (`DuplicateClaimRefused` before the submission is checked),
 * rejected at review, refused in a tranche (at its start, or by the cap),
 * withdrawn from a tranche, found false, or paid by the last tranche; a
 * return (退票) of that payment opens them again, until it is paid again
 * (issue #14). At every registration, the claims it admits must fit in what
 * the seat count on the submission date (the latest verified count on or
 * before it, else the declared one) leaves free of the open claims (a return
 * may hold more than the count: then nothing is admitted), and no claim
 * beyond those admitted may be checked as submitted.
 * Registrations from before R-SEAT-8 (no `claimsAdmitted`) hold no seat, as
 * in the ledger. State: open claims only, the seat counts of each enterprise,
 * applications being submitted, and last tranches not yet paid.
 */
export class SeatsHeldInvariant implements Invariant {
  readonly name = 'seats-held';
  readonly rules = ['R-SEAT-8'];
  /** Per enterprise, its seat counts; spilled past a bound like `open` (ADR 0020 §81). */
  private readonly counts: SpilledFacts<SeatCounts>;
  /** Per enterprise, the claims it holds open (a decimal number). */
  private readonly openPerEnterprise: SpillMap;
  /** Applications registered and not yet checked → claims admitted. */
  private readonly submitting = new Map<string, number>();
  /** Last tranches approved and not yet paid → the claims they pay. */
  private readonly lastTranches = new Map<string, Set<string>>();
  /** Last tranches paid → the claims their payment closed, with their enterprise (a return opens them). */
  private readonly paidLast = new Map<string, Map<string, string>>();

  /** Open claim → its enterprise (spilled to disk past a bound: every unpaid claim is here). */
  private readonly open: SpillMap;

  constructor(
    private readonly policyOf: PolicyLookup,
    spill?: SpillStore,
  ) {
    this.open = spillMapOf(spill);
    this.counts = new SpilledFacts(spill);
    this.openPerEnterprise = spillMapOf(spill);
  }

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    switch (event.type) {
      case 'EnterpriseRegistered': {
        const id = str(d['enterpriseId']);
        if (id) this.counts.set(id, { declared: num(d['seats']) ?? 0, verified: [] });
        return;
      }
      case 'SeatCountVerified': {
        const enterpriseId = str(d['enterpriseId']) ?? '';
        const c = this.counts.get(enterpriseId);
        const seats = num(d['seats']);
        const on = str(d['verifiedOn']);
        if (c && seats !== undefined && on) {
          c.verified.push([on, seats]);
          this.counts.set(enterpriseId, c);
        }
        return;
      }
      case 'SeatApplicationRegistered':
        this.registered(event, report);
        return;
      case 'SeatApplicationChecked':
        this.checked(d, report);
        return;
      case 'DuplicateClaimRefused': {
        // Refused at submission; the same refusal of new months later leaves the claim open.
        const applicationId = str(d['applicationId']);
        if (applicationId && this.submitting.has(applicationId)) this.close(d['claimId']);
        return;
      }
      case 'ApplicationReviewed':
        for (const decision of list(d['decisions'])) {
          const x = decision as Record<string, unknown>;
          if (x['approve'] === false) this.close(x['claimId']);
        }
        return;
      case 'TrancheApprovalStarted':
        for (const r of list(d['refused'])) this.close((r as Record<string, unknown>)['claimId']);
        return;
      case 'CapReservationRefused':
      case 'ClaimFoundFalse':
        this.close(d['claimId']);
        return;
      case 'ClaimWithdrawnFromTranche':
        this.close(d['claimId']);
        this.lastTranches.get(str(d['trancheId']) ?? '')?.delete(str(d['claimId']) ?? '');
        return;
      case 'TrancheApproved': {
        const tranche = num(d['tranche']) ?? 0;
        const trancheCount = this.policyOf(str(d['policyVersion']))?.seat.trancheCount ?? 4;
        const trancheId = str(d['trancheId']);
        if (tranche < trancheCount || !trancheId) return;
        const claims = list(d['included']).map((c) =>
          str((c as Record<string, unknown>)['claimId']),
        );
        this.lastTranches.set(trancheId, new Set(claims.filter((c): c is string => !!c)));
        return;
      }
      case 'TrancheDisbursed': {
        const trancheId = str(d['trancheId']) ?? '';
        const claims = this.lastTranches.get(trancheId);
        if (!claims) return;
        const closed = new Map<string, string>();
        for (const claimId of claims) {
          const enterpriseId = this.open.get(claimId);
          if (enterpriseId !== undefined) closed.set(claimId, enterpriseId);
          this.close(claimId);
        }
        this.paidLast.set(trancheId, closed);
        this.lastTranches.delete(trancheId);
        return;
      }
      case 'DisbursementReturned': {
        // Paid in full no more: the claims the payment closed are open until it is paid again.
        const trancheId = str(d['trancheId']) ?? '';
        const closed = this.paidLast.get(trancheId);
        if (!closed) return;
        this.paidLast.delete(trancheId);
        for (const [claimId, enterpriseId] of closed) {
          this.open.set(claimId, enterpriseId);
          this.hold(enterpriseId, (this.held(enterpriseId) ?? 0) + 1);
        }
        this.lastTranches.set(trancheId, new Set(closed.keys()));
        return;
      }
      default:
        return;
    }
  }

  private registered(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    const applicationId = str(d['applicationId']);
    const enterpriseId = event.stream.replace(/^enterprise-/, '');
    const admitted = num(d['claimsAdmitted']);
    if (!applicationId || admitted === undefined) return;
    this.submitting.set(applicationId, admitted);
    for (let n = 1; n <= admitted; n++) this.open.set(`${applicationId}.c${n}`, enterpriseId);
    const before = this.held(enterpriseId) ?? 0;
    const holding = before + admitted;
    this.hold(enterpriseId, holding);
    const date = str(d['submittedOn']) ?? '';
    const seats = this.seatsOn(enterpriseId, date);
    if (admitted > Math.max(0, seats - before)) {
      report(
        'R-SEAT-8',
        `enterprise ${enterpriseId} holds ${holding} open claims after application ${applicationId} (${date}), more than its ${seats} seats`,
      );
    }
  }

  private checked(d: Record<string, unknown>, report: ReportViolation): void {
    const applicationId = str(d['applicationId']) ?? '';
    const admitted = this.submitting.get(applicationId);
    this.submitting.delete(applicationId);
    for (const r of list(d['results'])) {
      const result = r as Record<string, unknown>;
      const claimId = str(result['claimId']) ?? '';
      if (result['status'] === 'refused') this.close(claimId);
      else if (admitted !== undefined && !this.open.has(claimId)) {
        report('R-SEAT-8', `claim ${claimId} was submitted without a seat of its enterprise`);
      }
    }
  }

  private close(claimId: unknown): void {
    const id = str(claimId);
    const enterpriseId = id === undefined ? undefined : this.open.get(id);
    if (id === undefined || enterpriseId === undefined) return;
    this.open.delete(id);
    this.hold(enterpriseId, (this.held(enterpriseId) ?? 1) - 1);
  }

  private held(enterpriseId: string): number | undefined {
    const n = this.openPerEnterprise.get(enterpriseId);
    return n === undefined ? undefined : Number(n);
  }

  private hold(enterpriseId: string, claims: number): void {
    this.openPerEnterprise.set(enterpriseId, String(claims));
  }

  /** The latest verified count on or before `date` (the last recorded of one day), else the declared one. */
  private seatsOn(enterpriseId: string, date: string): number {
    const c = this.counts.get(enterpriseId);
    if (!c) return 0;
    let latest: [string, number] | undefined;
    for (const v of c.verified) if (v[0] <= date && (!latest || v[0] >= latest[0])) latest = v;
    return latest ? latest[1] : c.declared;
  }
}
