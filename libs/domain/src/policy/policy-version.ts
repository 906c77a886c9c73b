import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';

/**
 * Every number of RULES.md lives here (R-POL), never as a literal in a rule.
 * A decision looks up the version in force on its business date and records
 * the version's id in its event, so a replay years later explains each amount.
 */
export interface PolicyVersion {
  id: string;
  /** First business date on which this version decides. */
  effectiveFrom: BusinessDate;
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
    /** R-EFF */
    minMonths: number;
    maxOccupants: number;
  };
  site: {
    /** R-SITE-LEASE */
    leaseMinYears: number;
    leaseYearFen: Fen[];
    /** R-SITE-RENO */
    renovationBasisPoints: number;
    renovationCapFen: Fen;
    /** R-SITE-BUY */
    purchaseFenPerM2: Fen;
    purchaseAreaM2Max: number;
    purchaseYearBasisPoints: number[];
  };
  internship: {
    /** R-INT */
    minInternsPerYear: number;
    minRetentionBasisPoints: number;
    minConsecutiveMonths: number;
    rewardFenByLevel: { secondary: Fen; higher: Fen };
  };
}
