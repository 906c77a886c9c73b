import { DATONG_2022 } from '../policy/datong-2022.policy';
import { decideRecordDisbursement } from '../seat-application/record-disbursement.decider';
import { decideReturnDisbursement } from '../seat-application/return-disbursement.decider';
import {
  application,
  approvedApplication,
  APP,
  disbursed,
  ENT,
  FINANCE,
  GOOD,
  LONG,
  notice,
  publicized,
  tid,
  tranche,
} from '../seat-application/testing/seat-application.fixture';
import { SeatApplicationEvent } from '../seat-application/seat-application.events';
import { initialInternshipState, InternshipTrancheState } from '../internship/internship.state';
import { decideReturnInternshipDisbursement } from '../internship/return-internship-disbursement.decider';
import { decideReturnSiteDisbursement } from '../site/return-site-disbursement.decider';
import { initialSiteState, SiteTrancheState } from '../site/site.state';
import { isEarlierYearReturn, ReturnDisbursementCommand } from './disbursement-return';

const pay = {
  disbursementId: 'disb-1',
  trancheId: tid(1),
  paidOn: '2023-04-09',
  amountFen: 500_000,
  bankRef: 'ICBC-0001',
  paidBy: FINANCE,
};
const back: ReturnDisbursementCommand = {
  disbursementId: 'disb-1',
  trancheId: tid(1),
  returnedOn: '2023-04-12',
  bankRef: 'ICBC-R-0001',
  reason: '账户已销户',
  returnedBy: FINANCE,
};
const paid: SeatApplicationEvent[] = [
  ...approvedApplication([LONG, LONG], 2),
  ...tranche(1, '2023-04-01', [1, 2]),
  publicized(1, '2023-04-02', '2023-04-08'),
  disbursed(1, pay),
];
const returned: SeatApplicationEvent = {
  type: 'DisbursementReturned',
  data: {
    trancheId: tid(1),
    disbursementId: 'disb-1',
    amountFen: 500_000,
    returnedOn: '2023-04-12',
    bankRef: 'ICBC-R-0001',
    reason: '账户已销户',
    returnedBy: FINANCE,
    paidOn: '2023-04-09',
    applicationId: APP,
    enterpriseId: ENT,
  },
};

describe('R-PAY return of a disbursement (退票)', () => {
  it('given a paid seat tranche, when its payment is returned, then DisbursementReturned is written with the payment amount', () => {
    application
      .given(paid)
      .when((s) => decideReturnDisbursement(s, back))
      .then([returned]);
  });

  it('given a returned seat payment, when the tranche is paid again after its notice, then TrancheDisbursed is written (payable again)', () => {
    const again = { ...pay, disbursementId: 'disb-2', paidOn: '2023-04-15', bankRef: 'ICBC-0002' };
    application
      .given([...paid, returned])
      .when((s) =>
        decideRecordDisbursement(
          s,
          again,
          notice(1, '2023-04-02', '2023-04-08'),
          DATONG_2022,
          GOOD,
        ),
      )
      .then([disbursed(1, again)]);
  });

  it('given a returned seat payment, when the same payment id is recorded again (a statement imported again after a crash), then it is a conflict naming R-PAY and nothing is written', () => {
    application
      .given([...paid, returned])
      .when((s) =>
        decideRecordDisbursement(
          s,
          { ...pay, paidOn: '2023-04-15' },
          notice(1, '2023-04-02', '2023-04-08'),
          DATONG_2022,
          GOOD,
        ),
      )
      .thenThrows({ kind: 'conflict', rule: 'R-PAY' });
  });

  it('given a seat payment already returned, when it is returned again, then it is a conflict naming R-PAY', () => {
    application
      .given([...paid, returned])
      .when((s) => decideReturnDisbursement(s, { ...back, bankRef: 'ICBC-R-0002' }))
      .thenThrows({ kind: 'conflict', details: { rule: 'R-PAY' } });
  });

  it('given a seat payment made on 2023-04-09, when it is returned on 2023-04-08, then it is refused naming R-DATE', () => {
    application
      .given(paid)
      .when((s) => decideReturnDisbursement(s, { ...back, returnedOn: '2023-04-08' }))
      .thenThrows({ kind: 'rule', rule: 'R-DATE' });
  });

  it('given a seat payment made on 2023-04-09, when it is returned the same day, then the return is written', () => {
    application
      .given(paid)
      .when((s) => decideReturnDisbursement(s, { ...back, returnedOn: '2023-04-09' }))
      .then([{ ...returned, data: { ...returned.data, returnedOn: '2023-04-09' } }]);
  });

  it('given a paid seat tranche, when another disbursement id is returned, then it is not found', () => {
    application
      .given(paid)
      .when((s) => decideReturnDisbursement(s, { ...back, disbursementId: 'disb-9' }))
      .thenThrows({ kind: 'not_found' });
  });

  it('given a seat tranche not paid, when a return names it, then it is not found', () => {
    application
      .given(paid.slice(0, -1))
      .when((s) => decideReturnDisbursement(s, back))
      .thenThrows({ kind: 'not_found' });
  });

  it('given a seat payment with a clawback assessed, when it is returned, then it is refused naming R-FRAUD', () => {
    application
      .given([
        ...paid,
        {
          type: 'ClawbackAssessed',
          data: {
            applicationId: APP,
            enterpriseId: ENT,
            caseId: 'case-1',
            findingId: 'f-1',
            claimId: `${APP}.c1`,
            trancheId: tid(1),
            disbursementId: 'disb-1',
            clawbackId: `disb-1:${APP}.c1`,
            amountFen: 250_000,
            assessedOn: '2023-04-10',
          },
        } as SeatApplicationEvent,
      ])
      .when((s) => decideReturnDisbursement(s, back))
      .thenThrows({ kind: 'conflict', rule: 'R-FRAUD' });
  });

  it('given a seat payment, when the return has a blank reason, then the field is named', () => {
    application
      .given(paid)
      .when((s) => decideReturnDisbursement(s, { ...back, reason: ' ' }))
      .thenThrows({ kind: 'invalid', details: { field: 'reason' } });
  });
});

const payment = {
  disbursementId: 'disb-1',
  paidOn: '2023-04-09',
  amountFen: 1_000_000,
  bankRef: 'ICBC-0001',
};

describe('R-PAY return of a site or internship disbursement (退票)', () => {
  const siteTranche = { trancheId: 's1.y1', disbursement: payment } as SiteTrancheState;
  const site = {
    ...initialSiteState(),
    exists: true,
    siteId: 's1',
    enterpriseId: ENT,
    kind: 'lease' as const,
    tranches: new Map([['s1.y1', siteTranche]]),
  };
  const siteBack = { ...back, trancheId: 's1.y1' };

  it('given a paid site tranche, when its payment is returned, then SiteDisbursementReturned carries the same shape as a seat return', () => {
    expect(decideReturnSiteDisbursement(site, siteBack)).toEqual([
      {
        type: 'SiteDisbursementReturned',
        data: {
          trancheId: 's1.y1',
          disbursementId: 'disb-1',
          amountFen: 1_000_000,
          returnedOn: '2023-04-12',
          bankRef: 'ICBC-R-0001',
          reason: '账户已销户',
          returnedBy: FINANCE,
          paidOn: '2023-04-09',
          siteId: 's1',
          enterpriseId: ENT,
          kind: 'lease',
        },
      },
    ]);
  });

  it('given a site tranche found false after payment, when its payment is returned, then it is refused naming R-FRAUD', () => {
    const foundFalse = {
      ...siteTranche,
      foundFalse: { caseId: 'c', findingId: 'f', foundOn: '2023-04-10' },
    };
    const state = { ...site, tranches: new Map([['s1.y1', foundFalse as SiteTrancheState]]) };
    expect(() => decideReturnSiteDisbursement(state, siteBack)).toThrow(
      expect.objectContaining({ rule: 'R-FRAUD' }),
    );
  });

  it('given a paid internship reward, when it is returned, then InternshipDisbursementReturned is written for its school', () => {
    const t = { trancheId: 'ia1.i1', disbursement: payment } as InternshipTrancheState;
    const state = {
      ...initialInternshipState(),
      exists: true,
      applicationId: 'ia1',
      schoolId: 'SCH',
      tranche: t,
    };
    const events = decideReturnInternshipDisbursement(state, { ...back, trancheId: 'ia1.i1' });
    expect(events).toEqual([
      {
        type: 'InternshipDisbursementReturned',
        data: {
          trancheId: 'ia1.i1',
          disbursementId: 'disb-1',
          amountFen: 1_000_000,
          returnedOn: '2023-04-12',
          bankRef: 'ICBC-R-0001',
          reason: '账户已销户',
          returnedBy: FINANCE,
          paidOn: '2023-04-09',
          applicationId: 'ia1',
          schoolId: 'SCH',
        },
      },
    ]);
  });

  it('given an internship application, when a return names a tranche it does not own, then it is not found', () => {
    const state = { ...initialInternshipState(), exists: true, applicationId: 'ia1' };
    expect(() =>
      decideReturnInternshipDisbursement(state, { ...back, trancheId: 'ia1.i1' }),
    ).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });
});

describe('the fiscal year of a return (ADR 0021)', () => {
  it('given a payment of 2023-12-20, when it comes back on 2024-01-10, then it is an earlier year’s return; on 2023-12-28, or without its payment date, it is not', () => {
    expect(isEarlierYearReturn({ paidOn: '2023-12-20', returnedOn: '2024-01-10' })).toBe(true);
    expect(isEarlierYearReturn({ paidOn: '2023-12-20', returnedOn: '2023-12-28' })).toBe(false);
    expect(isEarlierYearReturn({ returnedOn: '2024-01-10' })).toBe(false);
  });
});
