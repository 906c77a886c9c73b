import { makeCreditCode } from '../identity/test-ids';
import {
  enterpriseSuspensionRule,
  goodSchoolStanding,
  goodStanding,
} from './enterprise-suspension.rule';

describe('R-FRAUD suspension of an enterprise', () => {
  const enterpriseId = makeCreditCode(5);

  it('given an enterprise no case has suspended, when a tranche is approved or paid, then the rule allows it', () => {
    expect(
      enterpriseSuspensionRule(goodStanding(enterpriseId), 'approve tranches'),
    ).toBeUndefined();
    expect(enterpriseSuspensionRule(goodStanding(enterpriseId), 'record payments')).toBeUndefined();
  });

  it('given an enterprise suspended by case-1, when a tranche is approved, then it is refused naming R-FRAUD and the case', () => {
    expect(
      enterpriseSuspensionRule(
        { enterpriseId, suspendedByCaseIds: ['case-1'] },
        'approve tranches',
      ),
    ).toEqual({
      rule: 'R-FRAUD',
      reason: `enterprise ${enterpriseId} is suspended by case case-1; no one may approve tranches for it until the case is closed and everything due back is recovered`,
    });
  });

  it('given an enterprise suspended by two cases, when a payment is recorded, then it is refused naming both cases', () => {
    const refusal = enterpriseSuspensionRule(
      { enterpriseId, suspendedByCaseIds: ['case-1', 'case-2'] },
      'record payments',
    );
    expect(refusal?.rule).toBe('R-FRAUD');
    expect(refusal?.reason).toContain('case-1, case-2');
    expect(refusal?.reason).toContain('record payments');
  });

  it('given a school suspended by case-3, when its internship tranche is paid, then it is refused naming the school, R-FRAUD and the case', () => {
    const schoolId = makeCreditCode(6);
    expect(
      enterpriseSuspensionRule(goodSchoolStanding(schoolId), 'record payments'),
    ).toBeUndefined();
    const refusal = enterpriseSuspensionRule(
      { schoolId, suspendedByCaseIds: ['case-3'] },
      'record payments',
    );
    expect(refusal?.rule).toBe('R-FRAUD');
    expect(refusal?.reason).toMatch(new RegExp(`^school ${schoolId} is suspended by case case-3;`));
  });
});
