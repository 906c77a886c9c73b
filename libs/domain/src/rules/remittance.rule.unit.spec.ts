import { remittanceRule } from './remittance.rule';

describe('remittance (R-FRAUD recoveries to the treasury)', () => {
  it('given 500,000 recovered and 200,000 remitted, when 300,000 are remitted, then it is allowed', () => {
    expect(remittanceRule(500_000, 200_000, 300_000, 2023)).toBeUndefined();
  });

  it('given 500,000 recovered and 200,000 remitted, when 300,001 are remitted, then it is refused', () => {
    expect(remittanceRule(500_000, 200_000, 300_001, 2023)).toEqual({
      rule: 'R-FRAUD',
      reason: '300000 fen recovered in fiscal year 2023 is not yet remitted, 300001 fen asked',
    });
  });
});
