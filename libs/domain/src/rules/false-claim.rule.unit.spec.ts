import { makeCreditCode } from '../identity/test-ids';
import { ClaimForFinding, falseClaimRule } from './false-claim.rule';

describe('R-FRAUD which claims a finding may name', () => {
  const ENT = makeCreditCode(11);
  const OTHER = makeCreditCode(12);
  const approved: ClaimForFinding = { claimId: 'app-1.c1', enterpriseId: ENT, status: 'approved' };

  it("given an approved claim of the case's enterprise, when a finding names it, then the rule allows it", () => {
    expect(falseClaimRule(approved, ENT)).toBeUndefined();
  });

  it('given a claim of another enterprise, when a finding names it, then it is refused (422) naming R-FRAUD', () => {
    expect(falseClaimRule({ ...approved, enterpriseId: OTHER }, ENT)).toEqual({
      kind: 'rule',
      rule: 'R-FRAUD',
      reason: `claim app-1.c1 belongs to enterprise ${OTHER}, not to the case's enterprise ${ENT}`,
    });
  });

  it.each(['pending', 'submitted', 'refused', 'rejected'])(
    'given a claim that is %s, when a finding names it, then it is refused (422) naming R-FRAUD',
    (status) => {
      const refusal = falseClaimRule({ ...approved, status }, ENT);
      expect(refusal).toMatchObject({ kind: 'rule', rule: 'R-FRAUD' });
      expect(refusal?.reason).toContain(`is ${status}`);
    },
  );

  it('given a claim already found false, when a finding names it again, then it is a conflict (409) naming R-FRAUD', () => {
    const refusal = falseClaimRule(
      {
        ...approved,
        status: 'fraudulent',
        foundFalse: { caseId: 'case-1', findingId: 'f-1' },
      },
      ENT,
    );
    expect(refusal).toEqual({
      kind: 'conflict',
      rule: 'R-FRAUD',
      reason: 'claim app-1.c1 was already found false (case case-1)',
    });
  });

  it('given a claim already found false in a case of another enterprise, when named, then the conflict wins (it is said first)', () => {
    expect(
      falseClaimRule(
        { ...approved, enterpriseId: OTHER, foundFalse: { caseId: 'c', findingId: 'f' } },
        ENT,
      )?.kind,
    ).toBe('conflict');
  });
});
