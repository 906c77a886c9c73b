import { normalisePremisesAddress, premisesRule } from './site-premises.rule';

const holder = { siteId: 'site-1', enterpriseId: 'A', kind: 'lease' as const };

describe('R-SITE-1 one premises backs one kind of site subsidy', () => {
  it('given a premises nobody claimed, when an application claims it, then it passes', () => {
    expect(
      premisesRule(undefined, { siteId: 'site-2', enterpriseId: 'A', kind: 'purchase' }),
    ).toBeUndefined();
  });

  it('given a premises backing a lease subsidy, when the same application claims it again, then it passes (a retry)', () => {
    expect(
      premisesRule(holder, { siteId: 'site-1', enterpriseId: 'A', kind: 'lease' }),
    ).toBeUndefined();
  });

  it('given a premises backing a lease subsidy of A, when A applies for a renovation subsidy on it, then it is refused naming R-SITE-1 and the other application', () => {
    expect(
      premisesRule(holder, { siteId: 'site-2', enterpriseId: 'A', kind: 'renovation' }),
    ).toEqual({
      rule: 'R-SITE-1',
      reason:
        'the premises already backs a lease subsidy (site application site-1); one premises backs one kind of site subsidy',
    });
  });

  it('given a premises backing a lease subsidy of A, when B applies for a lease on it, then it is refused without naming A', () => {
    const refusal = premisesRule(holder, { siteId: 'site-3', enterpriseId: 'B', kind: 'lease' });
    expect(refusal?.rule).toBe('R-SITE-1');
    expect(refusal?.reason).not.toContain('site-1');
  });

  it('given two spellings of one address, when normalised, then they are the same premises', () => {
    expect(normalisePremisesAddress('大同市 平城区 ＸＸ路１号  3层')).toBe(
      normalisePremisesAddress('大同市平城区xx路1号3层'),
    );
  });
});
