import { Fen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { InternLevel } from '../rules/internship-reward.rule';

/**
 * R-PUB (Art. 7): the subsidy standard a notice entry was computed on, as
 * the notice prints it (`text`) and as data. A rate per unit carries
 * `rateFen` and its `unit`; a share of an amount (renovation: 30 % of the
 * audited investment) carries `rateBasisPoints`, its `capFen` and the
 * amount it is a share of as `unit`.
 */
export interface PublicityStandard {
  text: string;
  rateFen?: Fen;
  rateBasisPoints?: number;
  capFen?: Fen;
  unit: string;
}

const FEN_PER_YUAN = 100;
const BASIS_POINTS_PER_PERCENT = 100;

/** Fen as the notice writes yuan: `2,500`, `333.33`, `1,000.50`. */
export function yuanText(fen: Fen): string {
  const yuan = Math.floor(fen / FEN_PER_YUAN);
  const rest = fen % FEN_PER_YUAN;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rest === 0 ? grouped : `${grouped}.${String(rest).padStart(2, '0')}`;
}

function percentText(basisPoints: number): string {
  const whole = Math.floor(basisPoints / BASIS_POINTS_PER_PERCENT);
  const rest = basisPoints % BASIS_POINTS_PER_PERCENT;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0')}%`;
}

/** R-SEAT-3: one tranche per seat. */
export function seatStandard(policy: PolicyVersion): PublicityStandard {
  const rateFen = policy.seat.trancheFen;
  return { text: `坐席补贴 ${yuanText(rateFen)}元/席/次`, rateFen, unit: '席/次' };
}

/** R-SITE-LEASE: the per-seat amount the lease year was approved at. */
export function leaseStandard(perSeatFen: Fen): PublicityStandard {
  return {
    text: `场地租赁补贴 ${yuanText(perSeatFen)}元/有效席位/年`,
    rateFen: perSeatFen,
    unit: '有效席位/年',
  };
}

/** R-SITE-RENO: a share of the audited investment, capped. */
export function renovationStandard(policy: PolicyVersion): PublicityStandard {
  const { renovationBasisPoints, renovationCapFen } = policy.site;
  return {
    text: `场地改造补贴 改造投资额的${percentText(renovationBasisPoints)}，最高${yuanText(renovationCapFen)}元`,
    rateBasisPoints: renovationBasisPoints,
    capFen: renovationCapFen,
    unit: '改造投资额',
  };
}

/** R-SITE-BUY: the rate per m², and the share of the total this year pays. */
export function purchaseStandard(policy: PolicyVersion, year: number): PublicityStandard {
  const { purchaseFenPerM2, purchaseYearBasisPoints } = policy.site;
  const share = purchaseYearBasisPoints[year - 1];
  const yearText = share === undefined ? '' : `（第${year}年${percentText(share)}）`;
  return {
    text: `场地购买补贴 ${yuanText(purchaseFenPerM2)}元/m²${yearText}`,
    rateFen: purchaseFenPerM2,
    unit: 'm²',
  };
}

const LEVEL_TEXT: Record<InternLevel, string> = { secondary: '中职', higher: '高职及以上' };

/** R-INT: the reward for a retained person of this level. */
export function internshipStandard(level: InternLevel, policy: PolicyVersion): PublicityStandard {
  const rateFen = policy.internship.rewardFenByLevel[level];
  return {
    text: `实习就业奖励 ${yuanText(rateFen)}元/人（${LEVEL_TEXT[level]}）`,
    rateFen,
    unit: '人',
  };
}
