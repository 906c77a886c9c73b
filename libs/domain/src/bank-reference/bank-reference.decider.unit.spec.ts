import { spec } from '../testing/decider-specification';
import {
  BankReferenceEvent,
  BankReferenceState,
  decideUseBankReference,
  evolveBankReference,
} from './bank-reference.decider';

const bankReference = spec<BankReferenceState, BankReferenceEvent>({
  initial: () => ({}),
  evolve: evolveBankReference,
});

const payment: BankReferenceEvent['data'] = {
  bankRef: 'ICBC-20230310-0001',
  disbursementId: 'disb-1',
  trancheId: 'app-1.t1',
  amountFen: 500_000,
  paidOn: '2023-03-10',
};
const used: BankReferenceEvent = { type: 'BankReferenceUsed', data: payment };

describe('R-PAY bank reference decider', () => {
  it('given an unused reference, when a payment uses it, then BankReferenceUsed is written with its disbursement id', () => {
    const decision = decideUseBankReference({}, payment, undefined);
    expect(decision.disbursementId).toBe('disb-1');
    bankReference
      .given([])
      .when((s) => decideUseBankReference(s, payment, undefined).events)
      .then([used]);
  });

  it('given a reference used for tranche app-1.t1, when a payment of another tranche uses it, then it is a conflict', () => {
    bankReference
      .given([used])
      .when(
        (s) =>
          decideUseBankReference(
            s,
            { ...payment, disbursementId: 'disb-2', trancheId: 'app-2.t1' },
            undefined,
          ).events,
      )
      .thenThrows({ kind: 'conflict', details: { rule: 'R-PAY' } });
  });

  it('given a reference used for a tranche, when the same tranche uses it with another amount, then it is a conflict', () => {
    bankReference
      .given([used])
      .when((s) => decideUseBankReference(s, { ...payment, amountFen: 499_999 }, undefined).events)
      .thenThrows({ kind: 'conflict' });
  });

  it('given a reference used for a tranche, when the same tranche uses it on another date, then it is a conflict', () => {
    bankReference
      .given([used])
      .when(
        (s) => decideUseBankReference(s, { ...payment, paidOn: '2023-03-11' }, undefined).events,
      )
      .thenThrows({ kind: 'conflict' });
  });

  it('given a reference claimed but the tranche never recorded as paid (a crash), when the same tranche, amount and date retry, then nothing is written and the first disbursement id is resumed', () => {
    const state = evolveBankReference({}, used);
    const decision = decideUseBankReference(
      state,
      { ...payment, disbursementId: 'disb-retry' },
      undefined,
    );
    expect(decision).toEqual({ events: [], disbursementId: 'disb-1' });
    bankReference
      .given([used])
      .when(
        (s) =>
          decideUseBankReference(s, { ...payment, disbursementId: 'disb-retry' }, undefined).events,
      )
      .thenNothing();
  });

  it('given a reference used and its tranche already paid, when the same payment is presented again, then it is a conflict', () => {
    bankReference
      .given([used])
      .when((s) => decideUseBankReference(s, payment, 'disb-1').events)
      .thenThrows({ kind: 'conflict' });
  });
});
