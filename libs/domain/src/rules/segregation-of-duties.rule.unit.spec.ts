import { segregationOfDutiesRule } from './segregation-of-duties.rule';

describe('R-SOD segregation of duties', () => {
  it('given an application reviewed by rev-1, when rev-1 approves its tranches, then it is refused naming R-SOD', () => {
    expect(segregationOfDutiesRule('rev-1', ['rev-1'], 'approve tranches')).toEqual({
      rule: 'R-SOD',
      reason: 'rev-1 reviewed this application and may not approve tranches for it',
    });
  });

  it('given an application reviewed by rev-1, when rev-1 records a payment, then it is refused naming R-SOD', () => {
    expect(segregationOfDutiesRule('rev-1', ['rev-1'], 'record payments')?.rule).toBe('R-SOD');
  });

  it('given an application reviewed by rev-1 and rev-2, when rev-2 approves tranches, then it is refused naming R-SOD', () => {
    expect(segregationOfDutiesRule('rev-2', ['rev-1', 'rev-2'], 'approve tranches')?.rule).toBe(
      'R-SOD',
    );
  });

  it('given an application reviewed by rev-1, when another actor fin-1 approves tranches or pays, then it is allowed', () => {
    expect(segregationOfDutiesRule('fin-1', ['rev-1'], 'approve tranches')).toBeUndefined();
    expect(segregationOfDutiesRule('fin-1', ['rev-1'], 'record payments')).toBeUndefined();
  });

  it('given an application not reviewed yet, when anyone approves tranches, then R-SOD allows it', () => {
    expect(segregationOfDutiesRule('rev-1', [], 'approve tranches')).toBeUndefined();
  });
});
