import { paymentAfterPublicityRule, PublicityForPayment } from './payment-after-publicity.rule';

describe('R-PUB payment after publicity', () => {
  const notice: PublicityForPayment = {
    publicityId: 'pub-1',
    startsOn: '2023-03-01',
    endsOn: '2023-03-07',
    openObjections: 0,
    upheldObjectionsOnTheList: 0,
  };

  it('given no notice, when a payment is recorded, then it is refused naming R-PUB', () => {
    expect(paymentAfterPublicityRule(undefined, '2023-03-08')).toEqual({
      rule: 'R-PUB',
      reason: 'the tranche has not been published',
    });
  });

  it('given a notice ending 2023-03-07, when a payment is recorded on its last day, then it is refused naming R-PUB', () => {
    expect(paymentAfterPublicityRule(notice, '2023-03-07')).toEqual({
      rule: 'R-PUB',
      reason: 'the notice pub-1 runs until 2023-03-07; pay after it ends',
    });
  });

  it('given a notice ending 2023-03-07, when a payment is recorded on its first day, then it is refused naming R-PUB', () => {
    expect(paymentAfterPublicityRule(notice, '2023-03-01')?.rule).toBe('R-PUB');
  });

  it('given a notice ending 2023-03-07, when a payment is recorded before it starts, then it is refused naming R-PUB', () => {
    expect(paymentAfterPublicityRule(notice, '2023-02-20')?.rule).toBe('R-PUB');
  });

  it('given a notice ending 2023-03-07 with no objection, when a payment is recorded on 2023-03-08, then it is allowed', () => {
    expect(paymentAfterPublicityRule(notice, '2023-03-08')).toBeUndefined();
  });

  it('given a notice ending on the last day of a month, when a payment is recorded on the first of the next, then it is allowed', () => {
    const february = { ...notice, startsOn: '2024-02-23', endsOn: '2024-02-29' };
    expect(paymentAfterPublicityRule(february, '2024-02-29')?.rule).toBe('R-PUB');
    expect(paymentAfterPublicityRule(february, '2024-03-01')).toBeUndefined();
  });

  it('given an ended notice with an objection not yet decided, when a payment is recorded, then it is refused naming R-PUB', () => {
    expect(paymentAfterPublicityRule({ ...notice, openObjections: 1 }, '2023-03-08')).toEqual({
      rule: 'R-PUB',
      reason: 'the notice pub-1 has 1 objection(s) not yet decided',
    });
  });

  it('given an ended notice with an objection upheld against the whole list, when a payment is recorded, then it is refused naming R-PUB', () => {
    expect(
      paymentAfterPublicityRule({ ...notice, upheldObjectionsOnTheList: 1 }, '2023-03-08'),
    ).toEqual({ rule: 'R-PUB', reason: 'an objection to the notice pub-1 was upheld' });
  });

  it('given an ended notice, when a payment is recorded a year later, then R-PUB allows it (the window is R-SEAT-4’s)', () => {
    expect(paymentAfterPublicityRule(notice, '2024-03-08')).toBeUndefined();
  });
});
