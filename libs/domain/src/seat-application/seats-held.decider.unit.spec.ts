import { evolveEnterprise } from '../enterprise/enterprise.decider';
import { StepOutcome } from '../person/person.decider';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { decideRecordDisbursement } from './record-disbursement.decider';
import { SeatApplicationEvent } from './seat-application.events';
import { foldSeatApplication } from './seat-application.state';
import {
  decideCompletePaidInFull,
  openPaidInFullOf,
  paidInFullClaimsOf,
  paidOnOfPaidInFull,
  returnedPaidInFullOf,
} from './paid-in-full.decider';
import { decideReturnDisbursement } from './return-disbursement.decider';
import {
  decideCompleteSubmission,
  decideSubmitSeatApplication,
} from './submit-seat-application.decider';
import {
  APP,
  application,
  approvedApplication,
  cid,
  ENT,
  enterpriseWith,
  FINANCE,
  GOOD,
  LONG,
  notice,
  people,
  publicized,
  submitted,
  tid,
  tranche,
  TWO_MONTHS,
  withdrawn,
} from './testing/seat-application.fixture';

/** R-SEAT-8 on the seat-application stream: what the enterprise step decided, and "paid in full". */
describe('seat-application decider: seats held (R-SEAT-8)', () => {
  describe('the outcome of a submission', () => {
    const refusal =
      'the enterprise holds 199 open claims of its 200 seats (declared at registration) on 2023-03-10: 2 claim(s) beyond the count are refused';

    it('given the enterprise admitted 1 of 3 claims, when the submission completes, then claims 2 and 3 are refused naming R-SEAT-8 beside any R-SEAT-6 refusal', () => {
      const r6: StepOutcome = {
        status: 'refused',
        rule: 'R-SEAT-6',
        reason: 'months 2023-02 are already claimed',
        conflictsWith: [],
      };
      application
        .given([submitted([TWO_MONTHS, TWO_MONTHS, TWO_MONTHS])])
        .when((s) =>
          decideCompleteSubmission(
            s,
            { ordinal: 2, firstTrancheMonths: 6, claimsAdmitted: 1, seatRefusal: refusal },
            new Map([[cid(1), r6]]),
          ),
        )
        .then([
          {
            type: 'SeatApplicationChecked',
            data: {
              processId: APP,
              applicationId: APP,
              ordinal: 2,
              firstTrancheMonths: 6,
              results: [
                {
                  claimId: cid(1),
                  status: 'refused',
                  rule: 'R-SEAT-6',
                  reason: r6.reason,
                  conflictsWith: [],
                },
                { claimId: cid(2), status: 'refused', rule: 'R-SEAT-8', reason: refusal },
                { claimId: cid(3), status: 'refused', rule: 'R-SEAT-8', reason: refusal },
              ],
            },
          },
        ]);
    });
  });

  describe('R-SEAT-1 on the seat count of the submission date', () => {
    const cmd = {
      applicationId: APP,
      enterpriseId: ENT,
      claims: [{ ...people[0], wageMonths: TWO_MONTHS, insuranceMonths: TWO_MONTHS }],
    };
    const inspected = evolveEnterprise(enterpriseWith(300), {
      type: 'SeatCountVerified',
      data: {
        enterpriseId: ENT,
        verifiedOn: '2023-06-01',
        seats: 150,
        inspectionRef: 'INS-1',
        verifiedBy: 'rita',
      },
    });

    it('given 300 declared seats and 150 verified on 2023-06-01, when it applies on 2023-05-31, then the declared count lets it', () => {
      const events = decideSubmitSeatApplication(
        foldSeatApplication([]),
        inspected,
        { ...cmd, submittedOn: '2023-05-31' },
        DATONG_2022,
      );
      expect(events.map((e) => e.type)).toEqual(['SeatApplicationSubmitted']);
    });

    it('given 300 declared seats and 150 verified on 2023-06-01, when it applies on 2023-06-01, then R-SEAT-1 refuses it on the verified count', () => {
      application
        .given([])
        .when((s) =>
          decideSubmitSeatApplication(
            s,
            inspected,
            { ...cmd, submittedOn: '2023-06-01' },
            DATONG_2022,
          ),
        )
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-1', message: /has 150 seats/ });
    });
  });

  describe('paid in full: the payment of the last tranche closes its claims', () => {
    const pay = {
      disbursementId: 'd-4',
      trancheId: tid(4),
      paidOn: '2024-09-20',
      amountFen: 250_000,
      bankRef: 'ICBC-T4',
      paidBy: FINANCE,
    };
    const t4 = [
      ...approvedApplication([LONG, LONG], 2),
      ...tranche(1, '2023-04-01', [1, 2]),
      ...tranche(2, '2023-10-01', [1, 2]),
      ...tranche(3, '2024-04-01', [1, 2]),
      ...tranche(4, '2024-09-01', [1, 2]),
      withdrawn(4, 2),
      publicized(4, '2024-09-02', '2024-09-08'),
    ];
    const ended = notice(4, '2024-09-02', '2024-09-08');
    const paidLast: SeatApplicationEvent = {
      type: 'TrancheDisbursed',
      data: { processId: `${tid(4)}.paid`, applicationId: APP, enterpriseId: ENT, ...pay },
    };

    it('given tranche 4 published, when it is paid, then the payment starts the process that releases its claims', () => {
      application
        .given(t4)
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .then([paidLast]);
    });

    it('given tranche 4 paid, when its claims are read, then only those it still pays are paid in full (a withdrawn one is not)', () => {
      const paid = foldSeatApplication([...t4, paidLast]);
      expect(paidInFullClaimsOf(paid, tid(4))).toEqual([cid(1)]);
      expect(paid.openProcesses.get(`${tid(4)}.paid`)).toBe('TrancheDisbursed');
    });

    it('given the enterprise released the seats, when the process completes, then PaidClaimsReleased ends it, once', () => {
      const started = [...t4, paidLast];
      const end = {
        type: 'PaidClaimsReleased' as const,
        data: {
          processId: `${tid(4)}.paid`,
          applicationId: APP,
          trancheId: tid(4),
          claimIds: [cid(1)],
        },
      };
      application
        .given(started)
        .when((s) => decideCompletePaidInFull(s, tid(4)))
        .then([end]);
      application
        .given([...started, end])
        .when((s) => decideCompletePaidInFull(s, tid(4)))
        .thenNothing();
      expect(foldSeatApplication([...started, end]).openProcesses.size).toBe(0);
    });

    describe('returned (退票, issue #14)', () => {
      const end = (processId: string, claimIds: string[]): SeatApplicationEvent => ({
        type: 'PaidClaimsReleased',
        data: { processId, applicationId: APP, trancheId: tid(4), claimIds },
      });
      const returnOf = (history: SeatApplicationEvent[], disbursementId: string) =>
        decideReturnDisbursement(foldSeatApplication(history), {
          disbursementId,
          trancheId: tid(4),
          returnedOn: '2024-09-25',
          bankRef: `RET-${disbursementId}`,
          reason: '账户已销户',
          returnedBy: FINANCE,
        });
      const completed = [...t4, paidLast, end(`${tid(4)}.paid`, [cid(1)])];
      const returned = [...completed, ...returnOf(completed, 'd-4')];

      it('given tranche 4 paid in full and returned, when it is paid again, then the payment starts a process of its own, which releases its claims', () => {
        expect(returnedPaidInFullOf(foldSeatApplication(returned), tid(4), 'd-4')).toBe(
          `${tid(4)}.paid`,
        );
        const again = { ...pay, disbursementId: 'd-5', bankRef: 'ICBC-T4-2', paidOn: '2024-09-26' };
        const [repaid] = decideRecordDisbursement(
          foldSeatApplication(returned),
          again,
          ended,
          DATONG_2022,
          GOOD,
        );
        expect(repaid.data).toMatchObject({ processId: `${tid(4)}.paid.1`, disbursementId: 'd-5' });
        const state = foldSeatApplication([...returned, repaid]);
        expect(openPaidInFullOf(state, tid(4))).toEqual([`${tid(4)}.paid.1`]);
        expect(paidInFullClaimsOf(state, tid(4))).toEqual([cid(1)]);
        expect(paidOnOfPaidInFull(state, tid(4), `${tid(4)}.paid.1`)).toBe('2024-09-26');
        expect(paidOnOfPaidInFull(state, tid(4), `${tid(4)}.paid`)).toBe(pay.paidOn);
        application
          .given([...returned, repaid])
          .when((s) => decideCompletePaidInFull(s, tid(4)))
          .then([end(`${tid(4)}.paid.1`, [cid(1)])]);
      });

      it('given tranche 4 returned before its paid-in-full process ended, when the process completes, then it releases nothing and ends', () => {
        const early = [...t4, paidLast, ...returnOf([...t4, paidLast], 'd-4')];
        const state = foldSeatApplication(early);
        expect(openPaidInFullOf(state, tid(4))).toEqual([`${tid(4)}.paid`]);
        expect(paidInFullClaimsOf(state, tid(4), `${tid(4)}.paid`)).toEqual([]);
        expect(paidOnOfPaidInFull(state, tid(4), `${tid(4)}.paid`)).toBe(pay.paidOn);
        application
          .given(early)
          .when((s) => decideCompletePaidInFull(s, tid(4), `${tid(4)}.paid`))
          .then([end(`${tid(4)}.paid`, [])]);
      });
    });

    it('given tranche 1 published, when it is paid, then no process starts: the claims stay open for later tranches', () => {
      const t1 = [
        ...approvedApplication([LONG], 2),
        ...tranche(1, '2023-04-01', [1]),
        publicized(1, '2023-04-02', '2023-04-08'),
      ];
      const [event] = decideRecordDisbursement(
        foldSeatApplication(t1),
        { ...pay, trancheId: tid(1), paidOn: '2023-04-09' },
        notice(1, '2023-04-02', '2023-04-08'),
        DATONG_2022,
        GOOD,
      );
      expect(event.data).not.toHaveProperty('processId');
    });
  });
});
