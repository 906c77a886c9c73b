import { DEFAULT_POLICY_TABLE } from '@ledger/domain/policy/policy-table';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { event, invariantSpecification } from '../testing/invariant-specification';
import { policyLookup } from './ledger-invariants';
import { TrancheInvariant } from './tranche.invariant';

const spec = invariantSpecification(() => new TrancheInvariant(policyLookup(DEFAULT_POLICY_TABLE)));
const P = 'datong-2022';

const reviewed = () => event('ApplicationReviewed', { applicationId: 'a1', reviewedBy: 'rita' });
const started = (k: number, decidedOn: string, approvedBy = 'fay') =>
  event('TrancheApprovalStarted', {
    applicationId: 'a1',
    trancheId: `a1.t${k}`,
    tranche: k,
    decidedOn,
    approvedBy,
    policyVersion: P,
  });
const approved = (k: number, amounts: number[], amountFen = amounts.reduce((a, b) => a + b, 0)) =>
  event('TrancheApproved', {
    applicationId: 'a1',
    trancheId: `a1.t${k}`,
    tranche: k,
    policyVersion: P,
    amountFen,
    included: amounts.map((amountFen, i) => ({ claimId: `a1.c${i + 1}`, amountFen })),
  });
const notice = (startsOn: string, endsOn: string) =>
  event('PublicityOpened', { publicityId: 'pub1', startsOn, endsOn, policyVersion: P });
const publicized = (k: number, endsOn = '2023-03-17') =>
  event('TranchePublicized', {
    applicationId: 'a1',
    trancheId: `a1.t${k}`,
    publicityId: 'pub1',
    endsOn,
  });
const paid = (k: number, paidOn: string, amountFen: number, bankRef = 'ICBC-1', paidBy = 'fay') =>
  event('TrancheDisbursed', { trancheId: `a1.t${k}`, paidOn, amountFen, bankRef, paidBy });

/** An application whose tranche 1 (two claims, 5,000 yuan) is approved and published until 2023-03-17. */
const publishedTranche1 = (): RecordedEvent[] => [
  reviewed(),
  started(1, '2023-03-10'),
  approved(1, [250_000, 250_000]),
  notice('2023-03-11', '2023-03-17'),
  publicized(1),
];

describe('the life of a tranche over the history (TrancheInvariant)', () => {
  it('given a published tranche, when it is paid its amount after the notice, then every rule holds', () => {
    spec
      .given(...publishedTranche1())
      .when(paid(1, '2023-03-18', 500_000))
      .thenHolds();
  });

  it('given a tranche whose notice ends on 2023-03-17, when it is paid that day, then R-PUB is broken', () => {
    spec
      .given(...publishedTranche1())
      .when(paid(1, '2023-03-17', 500_000))
      .thenViolates('R-PUB', /before its notice ended/);
  });

  it('given an approved tranche never published, when it is paid, then R-PUB is broken', () => {
    spec
      .given(reviewed(), started(1, '2023-03-10'), approved(1, [250_000]))
      .when(paid(1, '2023-03-18', 250_000))
      .thenViolates('R-PUB', /without a publicity notice/);
  });

  it('given an objection not yet decided, when the tranche is paid, then R-PUB is broken', () => {
    spec
      .given(
        ...publishedTranche1(),
        event('ObjectionRaised', { publicityId: 'pub1', objectionId: 'o1' }),
      )
      .when(paid(1, '2023-03-18', 500_000))
      .thenViolates('R-PUB', /undecided objection/);
  });

  it('given a notice of 6 days, when it is opened, then R-PUB is broken', () => {
    spec
      .given()
      .when(notice('2023-03-11', '2023-03-16'))
      .thenViolates('R-PUB', /runs 6 days/);
  });

  it('given a claim withdrawn from the tranche, when the old amount is paid, then R-PAY is broken', () => {
    spec
      .given(
        ...publishedTranche1(),
        event('ClaimWithdrawnFromTranche', {
          trancheId: 'a1.t1',
          claimId: 'a1.c2',
          amountFen: 250_000,
        }),
      )
      .when(paid(1, '2023-03-18', 500_000))
      .thenViolates('R-PAY', /payment of 500000 fen for tranche a1.t1, which pays 250000 fen/);
  });

  it('given a paid tranche, when it is paid again, then R-PAY is broken; a reused bank reference too', () => {
    spec
      .given(...publishedTranche1(), paid(1, '2023-03-18', 500_000))
      .when(paid(1, '2023-03-19', 500_000))
      .thenViolates('R-PAY', /paid twice/);
    spec
      .given(...publishedTranche1(), paid(1, '2023-03-18', 500_000))
      .when(paid(1, '2023-03-19', 500_000))
      .thenViolates('R-PAY', /bank reference ICBC-1 is used by two payments/);
  });

  it('given rita reviewed the application, when she approves a tranche or records a payment, then R-SOD is broken', () => {
    spec
      .given(reviewed())
      .when(started(1, '2023-03-10', 'rita'))
      .thenViolates('R-SOD', /rita reviewed/);
    spec
      .given(...publishedTranche1())
      .when(paid(1, '2023-03-18', 500_000, 'ICBC-9', 'rita'))
      .thenViolates('R-SOD', /recorded its payment/);
  });

  it('given tranche 1 on 2023-03-10, when tranche 2 is approved on 2025-03-11, then R-SEAT-4 is broken; on 2025-03-10 it holds', () => {
    spec
      .given(reviewed(), started(1, '2023-03-10'), approved(1, [250_000]))
      .when(started(2, '2025-03-11'))
      .thenViolates('R-SEAT-4', /after the window ends on 2025-03-10/);
    spec
      .given(reviewed(), started(1, '2023-03-10'), approved(1, [250_000]))
      .when(started(2, '2025-03-10'))
      .thenHolds();
  });

  it('given no tranche 1, when tranche 2 is started, then R-SEAT-3 is broken', () => {
    spec
      .given(reviewed())
      .when(started(2, '2023-09-05'))
      .thenViolates('R-SEAT-3', /before tranche 1/);
  });

  it('given a tranche, when a claim gets more than one tranche amount or the total does not add up, then R-SEAT-3 is broken', () => {
    spec
      .given(reviewed(), started(1, '2023-03-10'))
      .when(approved(1, [300_000]))
      .thenViolates('R-SEAT-3', /more than one tranche \(250000 fen\)/);
    spec
      .given(reviewed(), started(1, '2023-03-10'))
      .when(approved(1, [250_000], 500_000))
      .thenViolates('R-SEAT-3', /approves 500000 fen; its claims add up to 250000 fen/);
  });

  it('given a site tranche approved and published, when it is paid before its notice ends or for another amount, then R-PUB and R-PAY are broken', () => {
    const site = [
      event('SiteTrancheApproved', {
        siteId: 's1',
        trancheId: 's1.y1',
        amountFen: 750_000,
        policyVersion: P,
      }),
      notice('2023-03-11', '2023-03-17'),
      event('SiteTranchePublicized', {
        siteId: 's1',
        trancheId: 's1.y1',
        publicityId: 'pub1',
        endsOn: '2023-03-17',
      }),
    ];
    const sitePaid = (paidOn: string, amountFen: number) =>
      event('SiteTrancheDisbursed', {
        trancheId: 's1.y1',
        paidOn,
        amountFen,
        bankRef: 'B-9',
        paidBy: 'fay',
      });
    spec
      .given(...site)
      .when(sitePaid('2023-03-18', 750_000))
      .thenHolds();
    spec
      .given(...site)
      .when(sitePaid('2023-03-15', 750_000))
      .thenViolates('R-PUB', /before its notice ended/);
    spec
      .given(...site)
      .when(sitePaid('2023-03-18', 700_000))
      .thenViolates('R-PAY', /which pays 750000 fen/);
  });
});
