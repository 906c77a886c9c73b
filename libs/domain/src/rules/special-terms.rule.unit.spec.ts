import { DATONG_2022 } from '../policy/datong-2022.policy';
import {
  specialTermsConfirmationRule,
  specialTermsEligibilityRule,
  specialTermsInForce,
  specialTermsOverlapRule,
  SpecialTermsRecord,
} from './special-terms.rule';

const terms = (over: Partial<SpecialTermsRecord>): SpecialTermsRecord => ({
  termsId: 't-1',
  documentRef: 'doc-1',
  basis: 'top-enterprise',
  overrides: { site: { renovationCapFen: 800_000_000 } },
  validFrom: '2023-01-01',
  validTo: '2023-12-31',
  proposedOn: '2023-01-01',
  proposedBy: 'rita',
  status: 'confirmed',
  ...over,
});

describe('R-SPECIAL one matter, one decision (Art. 14)', () => {
  it('given a Top 500 enterprise with 499 seats, when special terms are proposed, then it is refused naming R-SPECIAL; with 500, it passes', () => {
    expect(specialTermsEligibilityRule('top-enterprise', 499, DATONG_2022)?.rule).toBe('R-SPECIAL');
    expect(specialTermsEligibilityRule('top-enterprise', 500, DATONG_2022)).toBeUndefined();
  });

  it('given an outsourcing enterprise with 999 seats, when special terms are proposed, then it is refused; with 1,000, it passes', () => {
    expect(specialTermsEligibilityRule('outsourcing', 999, DATONG_2022)?.reason).toBe(
      'special terms on the basis outsourcing need a site of at least 1000 seats; the enterprise has 999',
    );
    expect(specialTermsEligibilityRule('outsourcing', 1_000, DATONG_2022)).toBeUndefined();
  });

  it('given terms proposed by rita, when rita confirms them, then it is refused naming R-SPECIAL; fay may', () => {
    expect(specialTermsConfirmationRule('rita', 'rita')).toEqual({
      rule: 'R-SPECIAL',
      reason: 'rita proposed these special terms and may not also confirm them',
    });
    expect(specialTermsConfirmationRule('rita', 'fay')).toBeUndefined();
  });

  it('given terms for 2023, when new terms from 2023-12-31 are proposed, then they overlap and are refused; from 2024-01-01 they pass', () => {
    expect(specialTermsOverlapRule([terms({})], '2023-12-31', '2024-12-31')?.rule).toBe(
      'R-SPECIAL',
    );
    expect(specialTermsOverlapRule([terms({})], '2024-01-01', '2024-12-31')).toBeUndefined();
  });

  it('given confirmed terms for 2023, when a date is asked, then they are in force from 2023-01-01 to 2023-12-31 only', () => {
    const list = [terms({})];
    expect(specialTermsInForce(list, '2022-12-31')).toBeUndefined();
    expect(specialTermsInForce(list, '2023-01-01')?.termsId).toBe('t-1');
    expect(specialTermsInForce(list, '2023-12-31')?.termsId).toBe('t-1');
    expect(specialTermsInForce(list, '2024-01-01')).toBeUndefined();
  });

  it('given terms proposed and not yet confirmed, when a date in their window is asked, then they are not in force', () => {
    expect(specialTermsInForce([terms({ status: 'proposed' })], '2023-06-01')).toBeUndefined();
  });
});
