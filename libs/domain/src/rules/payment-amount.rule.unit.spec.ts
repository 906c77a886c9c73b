import { paymentAmountRule } from './payment-amount.rule';

describe('R-PAY payment amount', () => {
  it('given a tranche of 500,000 fen, when 500,000 fen are paid, then the amount matches', () => {
    expect(paymentAmountRule(500_000, 500_000)).toBeUndefined();
  });

  it('given a tranche of 500,000 fen, when one fen less is paid, then it is refused naming R-PAY', () => {
    expect(paymentAmountRule(499_999, 500_000)).toEqual({
      rule: 'R-PAY',
      reason: 'the payment is 499999 fen; the tranche is 500000 fen',
    });
  });

  it('given a tranche of 500,000 fen, when one fen more is paid, then it is refused naming R-PAY', () => {
    expect(paymentAmountRule(500_001, 500_000)?.rule).toBe('R-PAY');
  });

  it('given a tranche of 500,000 fen, when the amount in yuan (5,000) is paid by mistake, then it is refused naming R-PAY', () => {
    expect(paymentAmountRule(5_000, 500_000)?.rule).toBe('R-PAY');
  });
});
