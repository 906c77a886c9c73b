import { makeCreditCode } from '../identity/test-ids';
import { internEmployerRule } from './intern-employer.rule';

const E = makeCreditCode(7401);
const X = makeCreditCode(7402);
const intern = (enterpriseId: string, retained: boolean, n: number) => ({
  enterpriseId,
  retained,
  personIdMasked: `140202********000${n}`,
});

describe('R-INT the employer of a retained intern is a registered enterprise', () => {
  it('given every retained intern employed by a registered enterprise, when checked, then it passes', () => {
    expect(internEmployerRule([intern(E, true, 1), intern(E, true, 2)], new Set([E]))).toBe(
      undefined,
    );
  });

  it('given a retained intern employed by an unknown enterprise, when checked, then it is refused naming R-INT, the intern index and the masked ID', () => {
    expect(internEmployerRule([intern(E, true, 1), intern(X, true, 2)], new Set([E]))).toEqual({
      rule: 'R-INT',
      reason: `a retained intern's employer must be a registered data-call or data-annotation enterprise: interns.1 (140202********0002, ${X}) is not`,
      unregistered: [{ intern: 1, personIdMasked: '140202********0002', enterpriseId: X }],
    });
  });

  it('given an intern not retained employed by an unknown enterprise, when checked, then it passes', () => {
    expect(internEmployerRule([intern(X, false, 1)], new Set([E]))).toBeUndefined();
  });

  it('given seven unknown employers, when checked, then five are named in the reason and all seven in the list', () => {
    const refusal = internEmployerRule(
      Array.from({ length: 7 }, (_, n) => intern(X, true, n)),
      new Set(),
    );
    expect(refusal?.reason).toMatch(/interns\.4 .* and 2 more is not$/);
    expect(refusal?.unregistered).toHaveLength(7);
  });
});
