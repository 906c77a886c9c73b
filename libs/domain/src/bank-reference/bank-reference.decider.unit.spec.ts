import { spec } from '../testing/decider-specification';
import {
  BankReferenceEvent,
  BankReferenceState,
  BankReferenceUse,
  decideSettleBankReference,
  decideUseBankReference,
  evolveBankReference,
  useIdOf,
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

/**
 * Issue #12: a use of a reference is a process (ADR 0002) — claimed, then
 * settled by the payment or recovery it backs: confirmed when that was
 * recorded, released when it was refused (a payment that lost a race), so the
 * reference can back another payment.
 */
describe('R-PAY / R-FRAUD bank reference as a process', () => {
  const claim: BankReferenceUse = { ...payment, processId: 'disb-1', paidBy: 'fay' };
  const claimed: BankReferenceEvent = { type: 'BankReferenceUsed', data: claim };
  const released: BankReferenceEvent = {
    type: 'BankReferenceReleased',
    data: {
      bankRef: payment.bankRef,
      processId: 'disb-1',
      kind: 'payment',
      reason: 'tranche app-1.t1 was already paid',
    },
  };
  const confirmed: BankReferenceEvent = {
    type: 'BankReferenceConfirmed',
    data: { bankRef: payment.bankRef, processId: 'disb-1', kind: 'payment' },
  };
  const recovery: BankReferenceUse = {
    kind: 'recovery',
    bankRef: payment.bankRef,
    processId: 'rec-1',
    recoveryId: 'rec-1',
    caseId: 'case-1',
    amountFen: 250_000,
    receivedOn: '2024-04-15',
    recordedBy: 'fay',
  };

  it('given a claim whose payment was refused, when it is settled unrecorded, then BankReferenceReleased is written', () => {
    bankReference
      .given([claimed])
      .when((s) =>
        decideSettleBankReference(s, {
          processId: 'disb-1',
          recorded: false,
          reason: 'tranche app-1.t1 was already paid',
        }),
      )
      .then([released]);
  });

  it('given a claim whose payment was recorded, when it is settled, then BankReferenceConfirmed is written', () => {
    bankReference
      .given([claimed])
      .when((s) =>
        decideSettleBankReference(s, { processId: 'disb-1', recorded: true, reason: '' }),
      )
      .then([confirmed]);
  });

  it('given a claim already settled, when it is settled again (recovery and request both finishing), then nothing is written', () => {
    for (const settled of [released, confirmed]) {
      bankReference
        .given([claimed, settled])
        .when((s) =>
          decideSettleBankReference(s, { processId: 'disb-1', recorded: false, reason: 'x' }),
        )
        .thenNothing();
    }
  });

  it('given a claim released for tranche app-1.t1, when another tranche uses the reference, then it is claimed again', () => {
    const again = {
      ...payment,
      disbursementId: 'disb-2',
      trancheId: 'app-2.t1',
      processId: 'disb-2',
    };
    bankReference
      .given([claimed, released])
      .when((s) => decideUseBankReference(s, again, undefined).events)
      .then([{ type: 'BankReferenceUsed', data: again }]);
  });

  it('given a claim confirmed, when the same tranche, amount and date are presented again, then it is a conflict', () => {
    bankReference
      .given([claimed, confirmed])
      .when((s) => decideUseBankReference(s, { ...claim, processId: 'disb-9' }, undefined).events)
      .thenThrows({ kind: 'conflict', details: { rule: 'R-PAY' } });
  });

  it('given a claim still open (a crash before the payment), when the same payment is retried, then it resumes with the first disbursement id', () => {
    const decision = decideUseBankReference(
      evolveBankReference({}, claimed),
      { ...claim, disbursementId: 'disb-retry', processId: 'disb-retry' },
      undefined,
    );
    expect(decision).toEqual({ events: [], disbursementId: 'disb-1' });
  });

  it('given a reference used by a payment, when a recovery uses it, then 409 naming R-FRAUD says it is a payment', () => {
    bankReference
      .given([claimed, confirmed])
      .when((s) => decideUseBankReference(s, recovery, undefined).events)
      .thenThrows({ kind: 'conflict', rule: 'R-FRAUD', message: /already recorded for a payment/ });
  });

  it('given a reference used by a payment before recoveries shared the namespace, when a recovery uses it, then it is a conflict', () => {
    bankReference
      .given([used])
      .when((s) => decideUseBankReference(s, recovery, undefined).events)
      .thenThrows({ kind: 'conflict', rule: 'R-FRAUD' });
  });

  it('given a reference used by a recovery of one case, when a recovery of another case uses it, then 409 naming R-FRAUD', () => {
    bankReference
      .given([{ type: 'BankReferenceUsed', data: recovery }])
      .when(
        (s) =>
          decideUseBankReference(
            s,
            { ...recovery, processId: 'rec-2', recoveryId: 'rec-2', caseId: 'case-2' },
            undefined,
          ).events,
      )
      .thenThrows({ kind: 'conflict', rule: 'R-FRAUD', message: /another recovery/ });
  });

  it('given a reference used by a recovery, when a payment uses it, then 409 naming R-PAY says it is a recovery', () => {
    bankReference
      .given([{ type: 'BankReferenceUsed', data: recovery }])
      .when((s) => decideUseBankReference(s, claim, undefined).events)
      .thenThrows({ kind: 'conflict', details: { rule: 'R-PAY' }, message: /recovery/ });
  });

  it('given a recovery claim still open, when the same recovery is retried, then it resumes with the first recovery id', () => {
    const decision = decideUseBankReference(
      evolveBankReference({}, { type: 'BankReferenceUsed', data: recovery }),
      { ...recovery, processId: 'rec-retry', recoveryId: 'rec-retry' },
      undefined,
    );
    expect(decision).toEqual({ events: [], disbursementId: 'rec-1' });
    expect(useIdOf(recovery)).toBe('rec-1');
  });
});
