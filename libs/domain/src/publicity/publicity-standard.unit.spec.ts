import { DATONG_2022 } from '../policy/datong-2022.policy';
import { applyPolicyOverrides } from '../policy/policy-schema';
import {
  internshipStandard,
  leaseStandard,
  purchaseStandard,
  renovationStandard,
  seatStandard,
  yuanText,
} from './publicity-standard';

describe('R-PUB the standard each notice entry states', () => {
  it('given amounts in fen, when written in yuan for the notice, then thousands are grouped and fen shown only when there are any', () => {
    expect(yuanText(250_000)).toBe('2,500');
    expect(yuanText(125_000)).toBe('1,250');
    expect(yuanText(80_000)).toBe('800');
    expect(yuanText(500_000_000)).toBe('5,000,000');
    expect(yuanText(33_333)).toBe('333.33');
    expect(yuanText(100_050)).toBe('1,000.50');
  });

  it('given the 2022 policy, when a seat entry states its standard, then 坐席补贴 2,500元/席/次', () => {
    expect(seatStandard(DATONG_2022)).toEqual({
      text: '坐席补贴 2,500元/席/次',
      rateFen: 250_000,
      unit: '席/次',
    });
  });

  it('given lease years 1 and 4, when their entries state the standard, then 2,500 and 1,250 元/有效席位/年', () => {
    expect(leaseStandard(250_000)).toEqual({
      text: '场地租赁补贴 2,500元/有效席位/年',
      rateFen: 250_000,
      unit: '有效席位/年',
    });
    expect(leaseStandard(125_000).text).toBe('场地租赁补贴 1,250元/有效席位/年');
  });

  it('given a renovation, when its entry states the standard, then 30 % of the investment, at most 5,000,000 yuan (a share: basis points and cap, no per-unit rate)', () => {
    expect(renovationStandard(DATONG_2022)).toEqual({
      text: '场地改造补贴 改造投资额的30%，最高5,000,000元',
      rateBasisPoints: 3_000,
      capFen: 500_000_000,
      unit: '改造投资额',
    });
  });

  it('given special terms of 333.33 yuan/m², when a purchase year 2 entry states the standard, then the overridden rate and the year share', () => {
    const policy = applyPolicyOverrides(DATONG_2022, { site: { purchaseFenPerM2: 33_333 } });
    expect(purchaseStandard(policy, 2)).toEqual({
      text: '场地购买补贴 333.33元/m²（第2年25%）',
      rateFen: 33_333,
      unit: 'm²',
    });
    expect(purchaseStandard(DATONG_2022, 1).text).toBe('场地购买补贴 500元/m²（第1年30%）');
  });

  it('given a higher and a secondary vocational intern, when their entries state the standard, then 1,000 and 800 元/人', () => {
    expect(internshipStandard('higher', DATONG_2022)).toEqual({
      text: '实习就业奖励 1,000元/人（高职及以上）',
      rateFen: 100_000,
      unit: '人',
    });
    expect(internshipStandard('secondary', DATONG_2022)).toEqual({
      text: '实习就业奖励 800元/人（中职）',
      rateFen: 80_000,
      unit: '人',
    });
  });
});
