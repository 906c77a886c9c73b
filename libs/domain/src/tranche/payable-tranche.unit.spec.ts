import { checkTranchePayment, checkTranchePublishable, PayableTranche } from './payable-tranche';

/** R-DATE for site and internship tranches: the checks their deciders share. */
describe('site and internship tranches: dates of a decision (R-DATE)', () => {
  const approved: PayableTranche = {
    trancheId: 's1.y1',
    status: 'approved',
    decidedOn: '2023-03-01',
    amountFen: 750_000,
  };
  const notice = {
    publicityId: 'pub-1',
    startsOn: '2023-03-02',
    endsOn: '2023-03-08',
    openObjections: 0,
    upheldObjectionsOnTheList: 0,
  };
  const published: PayableTranche = { ...approved, publicity: notice };
  const pay = (paidOn: string, disbursementId = 'd-2') => ({
    trancheId: 's1.y1',
    disbursementId,
    paidOn,
    amountFen: 750_000,
    paidBy: 'fay',
  });

  it('given a tranche approved on 2023-03-01, when a notice would start on 2023-02-28, then 422 R-DATE; on 2023-03-01 it is publishable', () => {
    expect(() => checkTranchePublishable(approved, '2023-02-28')).toThrow(
      expect.objectContaining({
        kind: 'rule',
        rule: 'R-DATE',
        message:
          'a notice starting 2023-02-28 cannot predate the approval of tranche s1.y1 (2023-03-01)',
      }),
    );
    expect(() => checkTranchePublishable(approved, '2023-03-01')).not.toThrow();
  });

  it('given a notice whose last day is 2023-03-08, when paid on 2023-03-05 or 2023-03-08, then 422 R-DATE; on 2023-03-09 the payment passes', () => {
    for (const paidOn of ['2023-03-05', '2023-03-08']) {
      expect(() => checkTranchePayment(published, pay(paidOn), [], notice, undefined)).toThrow(
        expect.objectContaining({ kind: 'rule', rule: 'R-DATE' }),
      );
    }
    expect(() =>
      checkTranchePayment(published, pay('2023-03-09'), [], notice, undefined),
    ).not.toThrow();
  });

  it('given an approved tranche never published, when it is paid, then R-PUB (not R-DATE) refuses: there is no notice to come after', () => {
    expect(() =>
      checkTranchePayment(approved, pay('2023-03-09'), [], undefined, undefined),
    ).toThrow(expect.objectContaining({ kind: 'rule', rule: 'R-PUB' }));
  });

  it('given a payment d-1 that came back (退票), when the tranche is paid again with d-1, then 409 R-PAY; with a new id it passes', () => {
    const returned: PayableTranche = {
      ...published,
      returned: [{ disbursementId: 'd-1', returnedOn: '2023-03-12' }],
    };
    expect(() =>
      checkTranchePayment(returned, pay('2023-03-15', 'd-1'), [], notice, undefined),
    ).toThrow(expect.objectContaining({ kind: 'conflict', rule: 'R-PAY' }));
    expect(() =>
      checkTranchePayment(returned, pay('2023-03-15', 'd-2'), [], notice, undefined),
    ).not.toThrow();
  });
});
