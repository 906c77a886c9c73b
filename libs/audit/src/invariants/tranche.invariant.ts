import { addMonths, daysBetween, isBusinessDate } from '@ledger/domain/shared/business-date';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { SpillMap, type SpillStore, spillMapOf } from '../spill-map';
import { fen, Invariant, isFen, PolicyLookup, ReportViolation, str } from './invariant';
import { SpilledFacts } from './spilled-facts';

const OTHER_APPROVED: ReadonlySet<string> = new Set([
  'SiteTrancheApproved',
  'InternshipTrancheApproved',
]);
const OTHER_PUBLICIZED: ReadonlySet<string> = new Set([
  'SiteTranchePublicized',
  'InternshipTranchePublicized',
]);
const OTHER_WITHDRAWN: ReadonlySet<string> = new Set([
  'SiteTrancheWithdrawn',
  'InternWithdrawnFromTranche',
]);
const OTHER_DISBURSED: ReadonlySet<string> = new Set([
  'SiteTrancheDisbursed',
  'InternshipTrancheDisbursed',
]);

interface ApplicationFacts {
  reviewers: string[];
  /** Tranche number (as a key) → business date its approval was decided. */
  started: Record<string, string>;
  policyVersion?: string;
}

interface TrancheFacts {
  applicationId: string;
  tranche: number;
  approved: boolean;
  /** What the tranche pays now: approved less withdrawn claims. */
  amountFen: number;
  policyVersion?: string;
  publicityId?: string;
  endsOn?: string;
  paid: boolean;
}

interface PublicityFacts {
  openObjections: string[];
  upheldOnTheList: number;
  /** Calendar days the notice runs, when it was opened with valid dates. */
  days?: number;
  minDays?: number;
}

/**
 * The life of a tranche, over the whole history:
 * - R-SEAT-3: tranches approved in order, each claim's share at most one
 *   tranche amount, the tranche total the sum of its claims;
 * - R-SEAT-4: every approval and payment within the window after tranche 1;
 * - R-PUB: every notice at least the minimum days; every payment after its
 *   tranche's notice ended, with no objection open or upheld on the list;
 * - R-PAY: every payment equal to what the tranche pays at that moment,
 *   paid once, with a bank reference no other payment used;
 * - R-SOD: nobody who reviewed an application approved or paid its tranches;
 * and R-PUB and R-PAY for the tranches of the site and internship programmes.
 * State: per application (reviewers, tranche dates), per tranche (amount,
 * notice, paid), per notice (objections), and the bank references used, each
 * as JSON in a map that spills past a bound when given a `SpillStore`: at 1M
 * events they were ~22 MB of the log thread's live heap as objects, Sets and
 * Maps (ADR 0020 §81).
 */
export class TrancheInvariant implements Invariant {
  readonly name = 'tranche-life';
  readonly rules = ['R-SEAT-3', 'R-SEAT-4', 'R-PUB', 'R-PAY', 'R-SOD'];
  private readonly applications: SpilledFacts<ApplicationFacts>;
  private readonly tranches: SpilledFacts<TrancheFacts>;
  private readonly notices: SpilledFacts<PublicityFacts>;
  /** Bank references used → '1'. */
  private readonly bankRefs: SpillMap;

  constructor(
    private readonly policyOf: PolicyLookup,
    spill?: SpillStore,
  ) {
    this.applications = new SpilledFacts(spill);
    this.tranches = new SpilledFacts(spill);
    this.notices = new SpilledFacts(spill);
    this.bankRefs = spillMapOf(spill);
  }

  /** Keys the state holds: applications, tranches, notices and bank references. */
  get entries(): number {
    return this.applications.size + this.tranches.size + this.notices.size + this.bankRefs.size;
  }

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    switch (event.type) {
      case 'SeatApplicationSubmitted': {
        const id = str(d['applicationId']) ?? '';
        const a = this.application(id);
        a.policyVersion = str(d['policyVersion']);
        this.applications.set(id, a);
        return;
      }
      case 'ApplicationReviewed': {
        const reviewer = str(d['reviewedBy']) ?? event.metadata.actor;
        const id = str(d['applicationId']) ?? '';
        const a = this.application(id);
        if (!a.reviewers.includes(reviewer)) a.reviewers.push(reviewer);
        this.applications.set(id, a);
        return;
      }
      case 'TrancheApprovalStarted':
        return this.approvalStarted(d, report);
      case 'TrancheApproved':
        return this.approved(d, report);
      case 'PublicityOpened':
        return this.noticeOpened(d, report);
      case 'TranchePublicized': {
        const t = this.tranches.get(str(d['trancheId']) ?? '');
        if (!t) {
          report('R-PUB', `tranche ${String(d['trancheId'])} is published but was never approved`);
          return;
        }
        t.publicityId = str(d['publicityId']);
        t.endsOn = str(d['endsOn']);
        this.tranches.set(str(d['trancheId']) ?? '', t);
        return;
      }
      case 'ObjectionRaised': {
        const id = str(d['publicityId']) ?? '';
        const n = this.notice(id);
        const objectionId = str(d['objectionId']) ?? '';
        if (!n.openObjections.includes(objectionId)) n.openObjections.push(objectionId);
        this.notices.set(id, n);
        return;
      }
      case 'ObjectionResolved': {
        const id = str(d['publicityId']) ?? '';
        const n = this.notice(id);
        const objectionId = str(d['objectionId']) ?? '';
        n.openObjections = n.openObjections.filter((o) => o !== objectionId);
        if (d['upheld'] === true && d['claimId'] === undefined) n.upheldOnTheList += 1;
        this.notices.set(id, n);
        return;
      }
      case 'ClaimWithdrawnFromTranche': {
        const trancheId = str(d['trancheId']) ?? '';
        const t = this.tranches.get(trancheId);
        if (!t) return;
        t.amountFen -= fen(d['amountFen']);
        this.tranches.set(trancheId, t);
        if (t.amountFen < 0) {
          report(
            'R-PAY',
            `tranche ${String(d['trancheId'])} pays less than nothing after a withdrawal`,
          );
        }
        return;
      }
      case 'TrancheDisbursed':
        return this.paid(event, d, report);
      // 退票: the tranche is unpaid again and may be paid once more (DisbursementReturnInvariant checks the return).
      case 'DisbursementReturned':
      case 'SiteDisbursementReturned':
      case 'InternshipDisbursementReturned': {
        const trancheId = str(d['trancheId']) ?? '';
        const t = this.tranches.get(trancheId);
        if (t) this.tranches.set(trancheId, { ...t, paid: false });
        return;
      }
      default:
        return this.otherProgramme(event, d, report);
    }
  }

  /**
   * Site and internship tranches (R-SITE-*, R-INT) go through the same notice
   * and payment rules (R-PUB, R-PAY) with events of their own names and the
   * same fields; the seat-only rules (R-SEAT-3/4, R-SOD on reviews) do not apply.
   */
  private otherProgramme(
    event: RecordedEvent,
    d: Record<string, unknown>,
    report: ReportViolation,
  ): void {
    const trancheId = str(d['trancheId']) ?? '';
    if (OTHER_APPROVED.has(event.type)) {
      const amountFen = d['amountFen'];
      if (!isFen(amountFen) || amountFen < 0) {
        report('R-PAY', `tranche ${trancheId} is approved without a valid amount`);
        return;
      }
      if (this.tranches.get(trancheId)?.approved) {
        report('R-PAY', `tranche ${trancheId} is approved twice`);
      }
      this.tranches.set(trancheId, {
        applicationId: str(d['siteId']) ?? str(d['applicationId']) ?? '',
        tranche: 0,
        approved: true,
        amountFen,
        policyVersion: str(d['policyVersion']),
        paid: false,
      });
    } else if (OTHER_PUBLICIZED.has(event.type)) {
      this.observe({ ...event, type: 'TranchePublicized' }, report);
    } else if (OTHER_WITHDRAWN.has(event.type)) {
      this.observe({ ...event, type: 'ClaimWithdrawnFromTranche' }, report);
    } else if (OTHER_DISBURSED.has(event.type)) {
      this.paid(event, d, report);
    }
  }

  /** The application's facts, or new ones (kept only once the caller sets them). */
  private application(id: string): ApplicationFacts {
    return this.applications.get(id) ?? { reviewers: [], started: {} };
  }

  /** The notice's facts, or new ones (kept only once the caller sets them). */
  private notice(id: string): PublicityFacts {
    return this.notices.get(id) ?? { openObjections: [], upheldOnTheList: 0 };
  }

  /** R-SEAT-4: the last business date of the application's window, once tranche 1 is decided. */
  private windowEndsOn(a: ApplicationFacts, policyVersion: string | undefined): string | undefined {
    const first = a.started['1'];
    const policy = this.policyOf(policyVersion ?? a.policyVersion);
    if (first === undefined || !policy || !isBusinessDate(first)) return undefined;
    return addMonths(first, policy.seat.windowMonths);
  }

  private approvalStarted(d: Record<string, unknown>, report: ReportViolation): void {
    const applicationId = str(d['applicationId']) ?? '';
    const trancheId = str(d['trancheId']) ?? '';
    const k = typeof d['tranche'] === 'number' ? d['tranche'] : 0;
    const decidedOn = str(d['decidedOn']) ?? '';
    const a = this.application(applicationId);
    const approvedBy = str(d['approvedBy']);
    if (approvedBy !== undefined && a.reviewers.includes(approvedBy)) {
      report(
        'R-SOD',
        `${approvedBy} reviewed application ${applicationId} and approved its tranche ${k}`,
      );
    }
    if (startedHas(a, k)) report('R-SEAT-3', `tranche ${k} of ${applicationId} is started twice`);
    if (k > 1 && !startedHas(a, k - 1)) {
      report('R-SEAT-3', `tranche ${k} of ${applicationId} is started before tranche ${k - 1}`);
    }
    const policy = this.policyOf(str(d['policyVersion']));
    if (policy && (k < 1 || k > policy.seat.trancheCount)) {
      report('R-SEAT-3', `tranche number ${k} is outside 1..${policy.seat.trancheCount}`);
    }
    a.started[String(k)] = decidedOn;
    this.applications.set(applicationId, a);
    const endsOn = this.windowEndsOn(a, str(d['policyVersion']));
    if (endsOn !== undefined && decidedOn > endsOn) {
      report(
        'R-SEAT-4',
        `tranche ${k} of ${applicationId} is approved on ${decidedOn}, after the window ends on ${endsOn}`,
      );
    }
    this.tranches.set(trancheId, {
      applicationId,
      tranche: k,
      approved: false,
      amountFen: 0,
      policyVersion: str(d['policyVersion']),
      paid: false,
    });
  }

  private approved(d: Record<string, unknown>, report: ReportViolation): void {
    const trancheId = str(d['trancheId']) ?? '';
    const t = this.tranches.get(trancheId);
    if (!t) {
      report('R-SEAT-3', `tranche ${trancheId} is approved without having been started`);
      return;
    }
    if (t.approved) report('R-SEAT-3', `tranche ${trancheId} is approved twice`);
    const included = Array.isArray(d['included'])
      ? (d['included'] as Record<string, unknown>[])
      : [];
    const policy = this.policyOf(str(d['policyVersion']) ?? t.policyVersion);
    let sum = 0;
    for (const c of included) {
      const amount = c['amountFen'];
      if (!isFen(amount) || amount < 0) {
        report(
          'R-SEAT-3',
          `tranche ${trancheId}: claim ${String(c['claimId'])} has no valid amount`,
        );
        continue;
      }
      if (policy && amount > policy.seat.trancheFen) {
        report(
          'R-SEAT-3',
          `tranche ${trancheId} pays claim ${String(c['claimId'])} ${amount} fen, more than one tranche (${policy.seat.trancheFen} fen)`,
        );
      }
      sum += amount;
    }
    if (d['amountFen'] !== sum) {
      report(
        'R-SEAT-3',
        `tranche ${trancheId} approves ${String(d['amountFen'])} fen; its claims add up to ${sum} fen`,
      );
    }
    t.approved = true;
    t.amountFen = sum;
    this.tranches.set(trancheId, t);
  }

  private noticeOpened(d: Record<string, unknown>, report: ReportViolation): void {
    const publicityId = str(d['publicityId']) ?? '';
    const n = this.notice(publicityId);
    const startsOn = str(d['startsOn']);
    const endsOn = str(d['endsOn']);
    const policy = this.policyOf(str(d['policyVersion']));
    if (!startsOn || !endsOn || !isBusinessDate(startsOn) || !isBusinessDate(endsOn)) {
      report('R-PUB', `notice ${String(d['publicityId'])} has no valid dates`);
      return;
    }
    n.days = daysBetween(startsOn, endsOn) + 1;
    n.minDays = policy?.publicity.minDays;
    this.notices.set(publicityId, n);
    if (n.minDays !== undefined && n.days < n.minDays) {
      report(
        'R-PUB',
        `notice ${String(d['publicityId'])} runs ${n.days} days (${startsOn} to ${endsOn}); at least ${n.minDays} are needed`,
      );
    }
  }

  private paid(event: RecordedEvent, d: Record<string, unknown>, report: ReportViolation): void {
    const trancheId = str(d['trancheId']) ?? '';
    const paidOn = str(d['paidOn']) ?? '';
    const t = this.tranches.get(trancheId);
    if (!t || !t.approved) {
      report('R-PAY', `payment for tranche ${trancheId}, which is not approved`);
      return;
    }
    if (t.paid) report('R-PAY', `tranche ${trancheId} is paid twice`);
    t.paid = true;
    this.tranches.set(trancheId, t);
    if (d['amountFen'] !== t.amountFen) {
      report(
        'R-PAY',
        `payment of ${String(d['amountFen'])} fen for tranche ${trancheId}, which pays ${t.amountFen} fen`,
      );
    }
    const bankRef = str(d['bankRef']) ?? '';
    if (this.bankRefs.has(bankRef))
      report('R-PAY', `bank reference ${bankRef} is used by two payments`);
    this.bankRefs.set(bankRef, '1');
    if (t.publicityId === undefined || t.endsOn === undefined) {
      report('R-PUB', `tranche ${trancheId} is paid without a publicity notice`);
    } else {
      if (!(paidOn > t.endsOn)) {
        report(
          'R-PUB',
          `tranche ${trancheId} is paid on ${paidOn}, before its notice ended (${t.endsOn})`,
        );
      }
      const n = this.notices.get(t.publicityId);
      if (!n || n.days === undefined) {
        report(
          'R-PUB',
          `tranche ${trancheId} is paid on notice ${t.publicityId}, which was never opened`,
        );
      } else if (n.minDays !== undefined && n.days < n.minDays) {
        report('R-PUB', `tranche ${trancheId} is paid after a notice of only ${n.days} days`);
      }
      if (n && n.openObjections.length > 0) {
        report(
          'R-PUB',
          `tranche ${trancheId} is paid while notice ${t.publicityId} has an undecided objection`,
        );
      }
      if (n && n.upheldOnTheList > 0) {
        report(
          'R-PUB',
          `tranche ${trancheId} is paid although an objection to notice ${t.publicityId} was upheld`,
        );
      }
    }
    const a = this.application(t.applicationId);
    const paidBy = str(d['paidBy']) ?? event.metadata.actor;
    if (a.reviewers.includes(paidBy)) {
      report('R-SOD', `${paidBy} reviewed application ${t.applicationId} and recorded its payment`);
    }
    const endsOn = this.windowEndsOn(a, t.policyVersion);
    if (endsOn !== undefined && paidOn > endsOn) {
      report(
        'R-SEAT-4',
        `tranche ${trancheId} is paid on ${paidOn}, after the window ends on ${endsOn}`,
      );
    }
  }
}

const startedHas = (a: ApplicationFacts, k: number): boolean =>
  Object.prototype.hasOwnProperty.call(a.started, String(k));
