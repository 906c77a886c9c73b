import { PolicyVersion } from './policy-version';

/** 大同市促进数据呼叫（标注）产业发展的若干政策, issued 2022-11-23, in force 2022-12-23. */
export const DATONG_2022: PolicyVersion = {
  id: 'datong-2022',
  effectiveFrom: '2022-12-23',
  trialFrom: '2022-12-23',
  trialTo: '2023-12-22',
  seat: {
    minSeats: 200,
    firstTrancheMonths: 6,
    firstTrancheMonthsTrialFirstApplication: 2,
    trancheCount: 4,
    trancheFen: 250_000,
    monthsPerLaterTranche: 6,
    windowMonths: 24,
    personCapFen: 1_000_000,
    educationShareMinBasisPoints: 2_000,
  },
  publicity: { minDays: 7 },
  effectiveSeat: { minMonths: 12, maxOccupants: 3 },
  site: {
    leaseMinYears: 5,
    leaseYearFen: [250_000, 250_000, 250_000, 125_000, 125_000],
    renovationBasisPoints: 3_000,
    renovationCapFen: 500_000_000,
    purchaseFenPerM2: 50_000,
    purchaseAreaM2Max: 5_000,
    purchaseYearBasisPoints: [3_000, 2_500, 1_500, 1_500, 1_500],
  },
  internship: {
    minInternsPerYear: 50,
    minRetentionBasisPoints: 5_000,
    minConsecutiveMonths: 6,
    rewardFenByLevel: { secondary: 80_000, higher: 100_000 },
  },
};
