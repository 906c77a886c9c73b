import { applyPolicyOverrides } from '@ledger/domain/policy/policy-schema';
import type { PolicyOverrides, PolicyVersion } from '@ledger/domain/policy/policy-version';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fen, Invariant, isFen, PolicyLookup, ReportViolation, str } from './invariant';

const BASIS_POINTS = 10_000n;
const DM2_PER_M2 = 100;

/** `basisPoints` of `amount`, rounded down to the fen (RULES.md "Money and time"). */
const share = (amount: number, basisPoints: number): number =>
  Number((BigInt(amount) * BigInt(basisPoints)) / BASIS_POINTS);

interface SiteFacts {
  kind: string;
  totalFen?: number;
  yearFen?: number[];
}

interface LeaseTrancheFacts {
  perSeatFen?: number;
  count?: { effectiveSeats: number; seats: number };
}

const num = (v: unknown): number | undefined => (isFen(v) ? v : undefined);

/**
 * The amounts of the site programmes, recomputed from what the events say:
 * - R-SITE-RENO: the total is 30 % of the audited investment, rounded down,
 *   at most the cap; the one tranche approves that total;
 * - R-SITE-BUY: the area counted is at most the maximum, the total is the
 *   rate × that area, years 1…n−1 are their share rounded down and the last
 *   the remainder; year k approves year k's amount;
 * - R-SITE-LEASE: year k is started at year k's per-seat amount, and
 *   approves the seats its count step counted × that amount.
 * Parameters are those of the version (and special terms) each event names.
 * State: the special terms' overrides, per site its totals, per lease
 * tranche in flight its rate and count.
 */
export class SiteAmountsInvariant implements Invariant {
  readonly name = 'site-amounts';
  readonly rules = ['R-SITE-LEASE', 'R-SITE-RENO', 'R-SITE-BUY'];
  private readonly terms = new Map<string, PolicyOverrides>();
  private readonly sites = new Map<string, SiteFacts>();
  private readonly leaseTranches = new Map<string, LeaseTrancheFacts>();

  constructor(private readonly policyOf: PolicyLookup) {}

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    switch (event.type) {
      case 'SpecialTermsProposed': {
        const termsId = str(d['termsId']);
        if (termsId && d['overrides'] && typeof d['overrides'] === 'object') {
          this.terms.set(termsId, d['overrides'] as PolicyOverrides);
        }
        return;
      }
      case 'SiteApplicationSubmitted':
        return this.submitted(d, report);
      case 'SiteTrancheApprovalStarted':
        return this.started(d, report);
      case 'LeaseSeatsCounted': {
        const t = this.leaseTranches.get(str(d['trancheId']) ?? '');
        if (t) t.count = { effectiveSeats: fen(d['effectiveSeats']), seats: fen(d['seats']) };
        return;
      }
      case 'SiteTrancheApproved':
        return this.approved(d, report);
      default:
        return;
    }
  }

  /** The parameters of a decision: its version, overlaid with the special terms it names. */
  private policy(d: Record<string, unknown>): PolicyVersion | undefined {
    const version = this.policyOf(str(d['policyVersion']));
    const termsId = str(d['specialTermsId']);
    const overrides = termsId === undefined ? undefined : this.terms.get(termsId);
    return version && overrides ? applyPolicyOverrides(version, overrides) : version;
  }

  private submitted(d: Record<string, unknown>, report: ReportViolation): void {
    const siteId = str(d['siteId']) ?? '';
    const kind = str(d['kind']) ?? '';
    const totalFen = num(d['totalFen']);
    const yearFen = Array.isArray(d['yearFen']) ? (d['yearFen'] as unknown[]).map(fen) : undefined;
    this.sites.set(siteId, { kind, totalFen, yearFen });
    const policy = this.policy(d);
    if (!policy) return;
    if (kind === 'renovation') {
      const r = (d['renovation'] ?? {}) as Record<string, unknown>;
      const investmentFen = fen(r['investmentFen']);
      const { renovationBasisPoints, renovationCapFen } = policy.site;
      const expected = Math.min(share(investmentFen, renovationBasisPoints), renovationCapFen);
      if (totalFen !== expected) {
        report(
          'R-SITE-RENO',
          `renovation ${siteId} records ${String(totalFen)} fen; ${renovationBasisPoints / 100} % of ${investmentFen} fen, at most ${renovationCapFen}, is ${expected}`,
        );
      }
    } else if (kind === 'purchase') {
      this.purchaseSubmitted(siteId, d, policy, report);
    }
  }

  private purchaseSubmitted(
    siteId: string,
    d: Record<string, unknown>,
    policy: PolicyVersion,
    report: ReportViolation,
  ): void {
    const p = (d['purchase'] ?? {}) as Record<string, unknown>;
    const { purchaseFenPerM2, purchaseAreaM2Max, purchaseYearBasisPoints } = policy.site;
    const counted = fen(p['areaDm2Counted']);
    const maxDm2 = Math.min(fen(p['areaDm2']), purchaseAreaM2Max * DM2_PER_M2);
    if (counted !== maxDm2) {
      report('R-SITE-BUY', `purchase ${siteId} counts ${counted} dm²; at most ${maxDm2} count`);
      return;
    }
    const total = Number((BigInt(counted) * BigInt(purchaseFenPerM2)) / BigInt(DM2_PER_M2));
    const site = this.sites.get(siteId);
    if (site?.totalFen !== total) {
      report(
        'R-SITE-BUY',
        `purchase ${siteId} records ${String(site?.totalFen)} fen; ${counted} dm² at ${purchaseFenPerM2} fen/m² is ${total}`,
      );
      return;
    }
    const years = purchaseYearBasisPoints.map((bp) => share(total, bp));
    years[years.length - 1] = total - years.slice(0, -1).reduce((a, b) => a + b, 0);
    const recorded = site.yearFen ?? [];
    years.forEach((expected, i) => {
      if (recorded[i] !== expected) {
        report(
          'R-SITE-BUY',
          `purchase ${siteId} year ${i + 1} records ${String(recorded[i])} fen; ${expected}`,
        );
      }
    });
    if (recorded.length !== years.length) {
      report('R-SITE-BUY', `purchase ${siteId} records ${recorded.length} years; ${years.length}`);
    }
  }

  private started(d: Record<string, unknown>, report: ReportViolation): void {
    if (d['kind'] !== 'lease') return;
    const trancheId = str(d['trancheId']) ?? '';
    const year = fen(d['year']);
    const perSeatFen = num(d['perSeatFen']);
    this.leaseTranches.set(trancheId, { perSeatFen });
    const policy = this.policy(d);
    if (!policy) return;
    const expected = policy.site.leaseYearFen[year - 1];
    if (expected === undefined) {
      report(
        'R-SITE-LEASE',
        `lease tranche ${trancheId} is for year ${year}; a lease is paid for years 1 to ${policy.site.leaseYearFen.length}`,
      );
    } else if (perSeatFen !== expected) {
      report(
        'R-SITE-LEASE',
        `lease tranche ${trancheId} is started for year ${year} at ${String(perSeatFen)} fen a seat; ${expected}`,
      );
    }
  }

  private approved(d: Record<string, unknown>, report: ReportViolation): void {
    const trancheId = str(d['trancheId']) ?? '';
    const amountFen = num(d['amountFen']);
    const kind = str(d['kind']);
    if (kind === 'lease') {
      const t = this.leaseTranches.get(trancheId);
      this.leaseTranches.delete(trancheId);
      const seats = fen(d['seats']);
      const effectiveSeats = fen(d['effectiveSeats']);
      const perSeatFen = fen(d['perSeatFen']);
      if (t?.count && (t.count.seats !== seats || t.count.effectiveSeats !== effectiveSeats)) {
        report(
          'R-SITE-LEASE',
          `lease tranche ${trancheId} pays ${seats} seats of ${effectiveSeats} effective; the count was ${t.count.seats} of ${t.count.effectiveSeats}`,
        );
      }
      if (t?.perSeatFen !== undefined && t.perSeatFen !== perSeatFen) {
        report(
          'R-SITE-LEASE',
          `lease tranche ${trancheId} approves ${perSeatFen} fen a seat; it was started at ${t.perSeatFen}`,
        );
      }
      if (seats > effectiveSeats) {
        report('R-SITE-LEASE', `lease tranche ${trancheId} pays more seats than are effective`);
      }
      if (amountFen !== seats * perSeatFen) {
        report(
          'R-SITE-LEASE',
          `lease tranche ${trancheId} approves ${String(amountFen)} fen; ${seats} seats × ${perSeatFen} fen is ${seats * perSeatFen}`,
        );
      }
      return;
    }
    const site = this.sites.get(str(d['siteId']) ?? '');
    if (!site) return;
    if (kind === 'renovation' && amountFen !== site.totalFen) {
      report(
        'R-SITE-RENO',
        `renovation tranche ${trancheId} approves ${String(amountFen)} fen; the application's total is ${String(site.totalFen)}`,
      );
    } else if (kind === 'purchase') {
      const year = fen(d['year']);
      const expected = site.yearFen?.[year - 1];
      if (amountFen !== expected) {
        report(
          'R-SITE-BUY',
          `purchase tranche ${trancheId} for year ${year} approves ${String(amountFen)} fen; the application's year ${year} is ${String(expected)}`,
        );
      }
    }
  }
}
