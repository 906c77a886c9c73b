import { makeCreditCode } from '../identity/test-ids';
import { falseTrancheRule, seatTrancheNamedRefusal, TrancheForFinding } from './false-tranche.rule';

describe('R-FRAUD which site and internship tranches a finding may name', () => {
  const ENT = makeCreditCode(31);
  const SCHOOL = makeCreditCode(32);
  const lease: TrancheForFinding = {
    trancheId: 'site-1.y1',
    payee: { kind: 'enterprise', id: ENT },
    status: 'approved',
  };
  const reward: TrancheForFinding = {
    trancheId: 'int-1.i1',
    payee: { kind: 'school', id: SCHOOL },
    status: 'approved',
  };

  it("given an approved tranche of the case's own party, when a finding names it, then the rule allows it", () => {
    expect(falseTrancheRule(lease, { kind: 'enterprise', id: ENT })).toBeUndefined();
    expect(falseTrancheRule(reward, { kind: 'school', id: SCHOOL })).toBeUndefined();
  });

  it("given a school's internship tranche, when a case against an enterprise names it, then it is refused (422) naming R-FRAUD and both parties", () => {
    expect(falseTrancheRule(reward, { kind: 'enterprise', id: ENT })).toEqual({
      kind: 'rule',
      rule: 'R-FRAUD',
      reason: `tranche int-1.i1 pays school ${SCHOOL}, not the case's enterprise ${ENT}`,
    });
  });

  it('given a tranche of another enterprise, when a finding names it, then it is refused (422)', () => {
    expect(falseTrancheRule(lease, { kind: 'enterprise', id: makeCreditCode(33) })).toMatchObject({
      kind: 'rule',
      rule: 'R-FRAUD',
    });
  });

  it('given a tranche already found false, when named again, then it is a conflict (409) naming the first case', () => {
    const refusal = falseTrancheRule(
      { ...lease, foundFalse: { caseId: 'case-0' } },
      { kind: 'enterprise', id: ENT },
    );
    expect(refusal).toMatchObject({ kind: 'conflict', rule: 'R-FRAUD' });
    expect(refusal?.reason).toContain('case-0');
  });

  it('given a tranche still being approved, when named, then it is a conflict to retry', () => {
    expect(
      falseTrancheRule({ ...lease, status: 'approving' }, { kind: 'enterprise', id: ENT }),
    ).toMatchObject({ kind: 'conflict', rule: 'R-FRAUD' });
  });

  it('given a seat tranche, when named as a tranche, then the refusal says to name its claims', () => {
    expect(seatTrancheNamedRefusal('app-1.t1')).toEqual({
      rule: 'R-FRAUD',
      reason: expect.stringContaining('falseClaimIds'),
    });
  });
});
