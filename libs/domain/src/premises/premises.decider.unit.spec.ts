import { LedgerError } from '../shared/ledger-error';
import { decideClaimPremises, evolvePremises, PremisesState } from './premises.decider';

const claim = (over = {}) => ({
  premisesKey: 'k',
  address: '大同市平城区 1 号',
  siteId: 's1',
  enterpriseId: 'A',
  kind: 'lease' as const,
  claimedOn: '2023-02-01',
  ...over,
});
const held: PremisesState = evolvePremises({}, { type: 'PremisesClaimed', data: claim() });

describe('premises decider (R-SITE-1, no_stream on every backend)', () => {
  it('given a premises nobody claimed, when an application claims it, then it is claimed for that application', () => {
    expect(decideClaimPremises({}, claim(), false)).toEqual({
      events: [{ type: 'PremisesClaimed', data: claim() }],
      siteId: 's1',
    });
  });

  it('given a premises claimed for a lease, when a renovation application claims it, then 422 R-SITE-1', () => {
    let error: unknown;
    try {
      decideClaimPremises(held, claim({ siteId: 's2', kind: 'renovation' }), true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ kind: 'rule', rule: 'R-SITE-1', details: { kind: 'lease' } });
  });

  it('given a claim whose application was never written (a crash), when the same enterprise retries the same kind, then it resumes with the first site id', () => {
    expect(decideClaimPremises(held, claim({ siteId: 's9' }), false)).toEqual({
      events: [],
      siteId: 's1',
    });
  });

  it('given a claim whose application exists, when the same enterprise applies again for the same kind, then 422 R-SITE-1 (not paid twice)', () => {
    expect(() => decideClaimPremises(held, claim({ siteId: 's9' }), true)).toThrow(
      /not paid twice/,
    );
  });

  it('given a claim, when the same application claims again (a retry), then nothing is written', () => {
    expect(decideClaimPremises(held, claim(), true)).toEqual({ events: [], siteId: 's1' });
  });
});
