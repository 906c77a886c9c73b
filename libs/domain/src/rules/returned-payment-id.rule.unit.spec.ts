import { returnedPaymentIdRule } from './returned-payment-id.rule';

describe('R-PAY returned payment id', () => {
  const returned = [{ disbursementId: 'b1-1', returnedOn: '2023-03-25' }];

  it('given no payment came back, when a payment is recorded, then nothing is refused', () => {
    expect(returnedPaymentIdRule(undefined, 'b1-1')).toBeUndefined();
    expect(returnedPaymentIdRule([], 'b1-1')).toBeUndefined();
  });

  it('given payment b1-1 came back, when the tranche is paid with another id, then nothing is refused', () => {
    expect(returnedPaymentIdRule(returned, 'b2-1')).toBeUndefined();
  });

  it('given payment b1-1 came back, when a payment with the id b1-1 is recorded again, then it is refused naming R-PAY and the return date', () => {
    expect(returnedPaymentIdRule(returned, 'b1-1')).toEqual({
      rule: 'R-PAY',
      reason: 'payment b1-1 came back on 2023-03-25; a new payment of the tranche needs a new id',
    });
  });
});
