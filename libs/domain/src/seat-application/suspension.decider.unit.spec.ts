import { DATONG_2022 } from '../policy/datong-2022.policy';
import { decideStartTrancheApproval } from './approve-tranche.decider';
import { decideRecordDisbursement, RecordDisbursementCommand } from './record-disbursement.decider';
import {
  application,
  approvedApplication,
  EIGHT_MONTHS,
  ENT,
  FINANCE,
  LONG,
  notice,
  publicized,
  tid,
  TRANCHE,
  tranche,
  trancheStarted,
} from './testing/seat-application.fixture';

describe('seat-application decider', () => {
  describe('suspension (R-FRAUD)', () => {
    const SUSPENDED = { enterpriseId: ENT, suspendedByCaseIds: ['case-1'] };

    it('given an enterprise suspended by case-1, when finance starts tranche 1, then it answers suspended (423) naming R-FRAUD', () => {
      application
        .given(approvedApplication([EIGHT_MONTHS], 2))
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
            DATONG_2022,
            SUSPENDED,
          ),
        )
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD', details: { suspendedBy: ['case-1'] } });
    });

    it('given an enterprise suspended by case-1, when a published tranche is paid, then it answers suspended (423) naming R-FRAUD', () => {
      const pay: RecordDisbursementCommand = {
        disbursementId: 'disb-1',
        trancheId: tid(1),
        paidOn: '2023-04-09',
        amountFen: TRANCHE,
        bankRef: 'ICBC-0001',
        paidBy: FINANCE,
      };
      application
        .given([
          ...approvedApplication([LONG], 2),
          ...tranche(1, '2023-04-01', [1]),
          publicized(1, '2023-04-02', '2023-04-08'),
        ])
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay,
            notice(1, '2023-04-02', '2023-04-08'),
            DATONG_2022,
            SUSPENDED,
          ),
        )
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD' });
    });

    it('given the suspension lifted (no case suspends it), when finance starts tranche 1, then it starts as usual', () => {
      application
        .given(approvedApplication([EIGHT_MONTHS], 2))
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
            DATONG_2022,
            { enterpriseId: ENT, suspendedByCaseIds: [] },
          ),
        )
        .then([trancheStarted(1, '2023-04-01', [1])]);
    });
  });
});
