import { DATONG_2022 } from '../policy/datong-2022.policy';
import { decideRecordDisbursement, RecordDisbursementCommand } from './record-disbursement.decider';
import {
  application,
  approvedApplication,
  disbursed,
  FINANCE,
  GOOD,
  LONG,
  notice,
  publicized,
  REVIEWER,
  tid,
  tranche,
  trancheStarted,
  withdrawn,
} from './testing/seat-application.fixture';

describe('seat-application decider', () => {
  describe('RecordDisbursement', () => {
    const pay: RecordDisbursementCommand = {
      disbursementId: 'disb-1',
      trancheId: tid(1),
      paidOn: '2023-04-09',
      amountFen: 500_000,
      bankRef: 'ICBC-0001',
      paidBy: FINANCE,
    };
    const approved = [...approvedApplication([LONG, LONG], 2), ...tranche(1, '2023-04-01', [1, 2])];
    const published = [...approved, publicized(1, '2023-04-02', '2023-04-08')];
    const ended = notice(1, '2023-04-02', '2023-04-08');

    it('given a published tranche whose notice ended, when the exact amount is paid the day after, then TrancheDisbursed is written', () => {
      application
        .given(published)
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .then([disbursed(1, pay)]);
    });

    it('given an approved tranche not published, when it is paid, then it is refused naming R-PUB', () => {
      application
        .given(approved)
        .when((s) => decideRecordDisbursement(s, pay, undefined, DATONG_2022, GOOD))
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given a notice ending 2023-04-08, when the tranche is paid on 2023-04-08, then it is refused naming R-DATE (the notice has not ended)', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidOn: '2023-04-08' }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'rule', rule: 'R-DATE' });
    });

    it('given an ended notice with an open objection, when the tranche is paid, then it is refused naming R-PUB', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay,
            notice(1, '2023-04-02', '2023-04-08', { openObjections: 1 }),
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given an ended notice with an objection upheld on the list, when the tranche is paid, then it is refused naming R-PUB', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay,
            notice(1, '2023-04-02', '2023-04-08', { upheldObjectionsOnTheList: 1 }),
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given a tranche of 500,000 fen, when 499,999 fen are paid, then it is refused naming R-PAY', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, amountFen: 499_999 }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PAY' });
    });

    it('given a claim withdrawn from the tranche, when the original 500,000 fen are paid, then it is refused naming R-PAY; 250,000 is accepted', () => {
      application
        .given([...published, withdrawn(1, 2)])
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .thenThrows({ kind: 'rule', rule: 'R-PAY' });
      application
        .given([...published, withdrawn(1, 2)])
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, amountFen: 250_000 }, ended, DATONG_2022, GOOD),
        )
        .then([disbursed(1, { ...pay, amountFen: 250_000 })]);
    });

    it('given a tranche already paid, when it is paid again, then it is a conflict naming the first disbursement', () => {
      application
        .given([...published, disbursed(1, pay)])
        .when((s) =>
          decideRecordDisbursement(
            s,
            { ...pay, disbursementId: 'disb-2', bankRef: 'ICBC-0002' },
            ended,
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'conflict', details: { rule: 'R-PAY', disbursementId: 'disb-1' } });
    });

    it('given an application reviewed by rev-1, when rev-1 records the payment, then it is forbidden naming R-SOD', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidBy: REVIEWER }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'forbidden', rule: 'R-SOD' });
    });

    it('given a tranche approved on 2023-04-01, when a payment is dated 2023-03-31, then it is refused naming R-PAY', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidOn: '2023-03-31' }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PAY' });
    });

    it('given a tranche still being approved, when it is paid, then it is a conflict', () => {
      application
        .given([...approvedApplication([LONG], 2), trancheStarted(1, '2023-04-01', [1])])
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .thenThrows({ kind: 'conflict' });
    });

    it('given no such tranche, when it is paid, then it is not found', () => {
      application
        .given(approvedApplication([LONG], 2))
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .thenThrows({ kind: 'not_found' });
    });

    it('given tranche 1 approved on 2023-04-01, when it is paid on 2025-04-01 (exactly 24 months), then it is allowed', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidOn: '2025-04-01' }, ended, DATONG_2022, GOOD),
        )
        .then([disbursed(1, { ...pay, paidOn: '2025-04-01' })]);
    });

    it('given tranche 1 approved on 2023-04-01, when it is paid on 2025-04-02 (after 24 months), then it is refused naming R-SEAT-4', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidOn: '2025-04-02' }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-4' });
    });

    it('given tranche 1 approved on 2023-04-01 and tranche 2 on 2025-03-20, when tranche 2 is paid on 2025-04-02, then it is refused naming R-SEAT-4', () => {
      const pay2 = { ...pay, trancheId: tid(2), amountFen: 250_000, paidOn: '2025-04-02' };
      application
        .given([
          ...approvedApplication([LONG], 2),
          ...tranche(1, '2023-04-01', [1]),
          ...tranche(2, '2025-03-20', [1]),
          publicized(2, '2025-03-21', '2025-03-27'),
        ])
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay2,
            notice(2, '2025-03-21', '2025-03-27'),
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-4' });
    });
  });
});
