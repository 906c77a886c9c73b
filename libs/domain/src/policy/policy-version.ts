import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';

/**
 * Every number of RULES.md lives here (R-POL), never as a literal in a rule.
 * A decision looks up the version in force on its business date and records
 * the version's id in its event, so a replay years later explains each amount.
 *
 * The versions themselves are data files (`versions/*.policy.json`), checked
 * at load by `parsePolicyVersion` (policy-schema.ts).
 */
export interface PolicyVersion {
  id: string;
  /** What the version is, for people (the document it transcribes). */
  title?: string;
  /** First business date on which this version decides. */
  effectiveFrom: BusinessDate;
  /**
   * R-POL: the period in which the version is in force (inclusive on both
   * ends). A new seat or site application, or an effective-seat recognition,
   * dated outside it is refused; what was accepted inside keeps its schedule.
   */
  validFrom: BusinessDate;
  validTo: BusinessDate;
  /** Art. 16: the trial year (inclusive on both ends). */
  trialFrom: BusinessDate;
  trialTo: BusinessDate;
  seat: {
    /** R-SEAT-1 */
    minSeats: number;
    /** R-SEAT-2: months the first tranche needs, and the trial-year first application's months. */
    firstTrancheMonths: number;
    firstTrancheMonthsTrialFirstApplication: number;
    /** R-SEAT-3 */
    trancheCount: number;
    trancheFen: Fen;
    monthsPerLaterTranche: number;
    /** R-SEAT-4 */
    windowMonths: number;
    /** R-SEAT-5 */
    personCapFen: Fen;
    /** R-SEAT-7, in basis points (20 % = 2000). */
    educationShareMinBasisPoints: number;
  };
  publicity: {
    /** R-PUB: calendar days, counting both the first and the last day. */
    minDays: number;
  };
  effectiveSeat: {
    /** R-EFF: qualifying months a seat needs, over all its occupants. */
    minMonths: number;
    /** R-EFF: occupants in turn, at most. */
    maxOccupants: number;
  };
  site: {
    /** R-SITE-LEASE: the lease runs at least this many years. */
    leaseMinYears: number;
    /** R-SITE-LEASE: per effective seat, for lease years 1, 2, …; its length is the number of years paid. */
    leaseYearFen: Fen[];
    /** R-SITE-RENO */
    renovationBasisPoints: number;
    renovationCapFen: Fen;
    /** R-SITE-BUY */
    purchaseFenPerM2: Fen;
    purchaseAreaM2Max: number;
    /** R-SITE-BUY: share of the total paid in years 1, 2, …; they add up to 10,000 (100 %). */
    purchaseYearBasisPoints: number[];
  };
  internship: {
    /** R-INT */
    minInternsPerYear: number;
    minRetentionBasisPoints: number;
    minConsecutiveMonths: number;
    rewardFenByLevel: { secondary: Fen; higher: Fen };
  };
  special: {
    /** R-SPECIAL (Art. 14): a Top 500 / Top 20 enterprise's self-built site, in seats. */
    topEnterpriseMinSeats: number;
    /** R-SPECIAL (Art. 14): an outsourcing enterprise's site, in seats. */
    outsourcingMinSeats: number;
  };
}

/** The parameter sections of a version (everything but its id and dates). */
export type PolicySection =
  'seat' | 'publicity' | 'effectiveSeat' | 'site' | 'internship' | 'special';

/**
 * R-SPECIAL: the parameters one enterprise's special terms may override, as a
 * typed partial of the policy. Not overridable: the person cap and the seat
 * tranche amounts, count and window (R-SEAT-3/4/5 hold a person's cap across
 * every employer), the publicity duration (R-PUB is the public's, not the
 * enterprise's), the trial year, the internship reward (paid to schools) and
 * the Art. 14 thresholds themselves.
 */
export interface PolicyOverrides {
  seat?: Partial<
    Pick<
      PolicyVersion['seat'],
      | 'minSeats'
      | 'firstTrancheMonths'
      | 'firstTrancheMonthsTrialFirstApplication'
      | 'monthsPerLaterTranche'
    >
  >;
  effectiveSeat?: Partial<PolicyVersion['effectiveSeat']>;
  site?: Partial<PolicyVersion['site']>;
}
