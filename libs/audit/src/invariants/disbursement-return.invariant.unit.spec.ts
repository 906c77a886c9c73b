import { event, invariantSpecification } from '../testing/invariant-specification';
import { BankReferenceInvariant } from './bank-reference.invariant';
import { DisbursementReturnInvariant } from './disbursement-return.invariant';
import { TrancheInvariant } from './tranche.invariant';

const spec = invariantSpecification(() => new DisbursementReturnInvariant());
const paid = (disbursementId = 'd-1', trancheId = 'a.t1') =>
  event('TrancheDisbursed', {
    disbursementId,
    trancheId,
    amountFen: 250_000,
    paidOn: '2023-04-09',
    bankRef: `B-${disbursementId}`,
  });
const returned = (over: Record<string, unknown> = {}) =>
  event('DisbursementReturned', {
    disbursementId: 'd-1',
    trancheId: 'a.t1',
    amountFen: 250_000,
    returnedOn: '2023-04-12',
    bankRef: 'R-1',
    reason: '账户已销户',
    ...over,
  });

describe('nothing returned counted as paid (DisbursementReturnInvariant)', () => {
  it('given a payment, when it is returned for its amount after it was made, then it holds', () => {
    spec.given(paid()).when(returned()).thenHolds();
  });

  it('given a returned payment, when the tranche is paid again, then it holds', () => {
    spec.given(paid(), returned()).when(paid('d-2')).thenHolds();
  });

  it('given a payment of 2023-04-09, when its return says it was paid then, then it holds; when it names another day (another fiscal year for the reports), then R-DATE', () => {
    spec
      .given(paid())
      .when(returned({ paidOn: '2023-04-09' }))
      .thenHolds();
    spec
      .given(paid())
      .when(returned({ paidOn: '2022-12-30' }))
      .thenViolates('R-DATE', /says it was paid on 2022-12-30; it was paid on 2023-04-09/);
  });

  it('given a returned payment, when it is returned again, then it is named', () => {
    spec
      .given(paid(), returned())
      .when(returned({ bankRef: 'R-2' }))
      .thenViolates('R-PAY', /returned twice/);
  });

  it('given no payment, when a return names one, then it is named', () => {
    spec
      .given()
      .when(returned())
      .thenViolates('R-PAY', /never made/);
  });

  it('given a payment, when it is returned for another amount, then it is named', () => {
    spec
      .given(paid())
      .when(returned({ amountFen: 1 }))
      .thenViolates('R-PAY', /which paid 250000 fen/);
  });

  it('given a payment on 2023-04-09, when it is returned on 2023-04-08, then it is named', () => {
    spec
      .given(paid())
      .when(returned({ returnedOn: '2023-04-08' }))
      .thenViolates('R-DATE', /returned on 2023-04-08/);
  });

  it('given a returned payment, when a clawback is assessed on it, then it is named (it is not paid)', () => {
    spec
      .given(paid(), returned())
      .when(event('ClawbackAssessed', { disbursementId: 'd-1', trancheId: 'a.t1', amountFen: 1 }))
      .thenViolates('R-FRAUD', /clawback is assessed on payment d-1, which was returned/);
  });

  it('given a returned payment, when a recovery is allocated to it, then it is named', () => {
    spec
      .given(paid(), returned())
      .when(
        event('RecoveryRecorded', {
          allocations: [{ disbursementId: 'd-1', clawbackId: 'c', amountFen: 1 }],
        }),
      )
      .thenViolates('R-FRAUD', /recovery is allocated to payment d-1/);
  });
});

describe('a returned tranche is paid again once (TrancheInvariant)', () => {
  const tranche = invariantSpecification(() => new TrancheInvariant(() => undefined));
  const approved = event('SiteTrancheApproved', {
    siteId: 's1',
    trancheId: 's1.y1',
    amountFen: 250_000,
  });
  const opened = event('PublicityOpened', {
    publicityId: 'pub-1',
    startsOn: '2023-03-20',
    endsOn: '2023-03-26',
  });
  const publicized = event('SiteTranchePublicized', {
    trancheId: 's1.y1',
    publicityId: 'pub-1',
    endsOn: '2023-03-26',
  });
  const sitePaid = (disbursementId: string) =>
    event('SiteTrancheDisbursed', {
      disbursementId,
      trancheId: 's1.y1',
      amountFen: 250_000,
      paidOn: '2023-04-09',
      bankRef: `B-${disbursementId}`,
      paidBy: 'fay',
    });
  const siteReturned = event('SiteDisbursementReturned', {
    disbursementId: 'd-1',
    trancheId: 's1.y1',
    amountFen: 250_000,
    returnedOn: '2023-04-12',
  });

  it('given a paid site tranche, when it is paid again without a return, then it is paid twice', () => {
    tranche
      .given(approved, opened, publicized, sitePaid('d-1'))
      .when(sitePaid('d-2'))
      .thenViolates('R-PAY', /paid twice/);
  });

  it('given a site payment returned, when the tranche is paid again, then it is not paid twice', () => {
    tranche
      .given(approved, opened, publicized, sitePaid('d-1'), siteReturned)
      .when(sitePaid('d-2'))
      .thenHolds();
  });
});

describe('a return’s bank reference is counted once (BankReferenceInvariant)', () => {
  const refs = invariantSpecification(() => new BankReferenceInvariant());

  it('given a payment on reference B-1, when a return uses B-1 too, then it is named', () => {
    refs
      .given(paid('d-1'))
      .when(returned({ bankRef: 'B-d-1' }))
      .thenViolates('R-PAY', /counted by the return of payment d-1 and by payment d-1/);
  });

  it('given a payment, when its return uses a reference of its own, then it holds', () => {
    refs
      .given(paid('d-1'))
      .when(returned({ bankRef: 'R-9' }))
      .thenHolds();
  });
});
