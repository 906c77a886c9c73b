import { DEFAULT_POLICY_TABLE } from '@ledger/domain/policy/policy-table';
import { event, invariantSpecification } from '../testing/invariant-specification';
import { policyLookup } from './ledger-invariants';
import { SiteAmountsInvariant } from './site-amounts.invariant';

const spec = invariantSpecification(
  () => new SiteAmountsInvariant(policyLookup(DEFAULT_POLICY_TABLE)),
);
const P = 'datong-2022';

const renovation = (totalFen: number, over: Record<string, unknown> = {}) =>
  event('SiteApplicationSubmitted', {
    siteId: 'reno',
    enterpriseId: 'E',
    kind: 'renovation',
    policyVersion: P,
    renovation: { investmentFen: 3_000_000_000, auditRef: 'A', completedOn: '2023-03-20' },
    totalFen,
    ...over,
  });
const purchase = (areaDm2: number, areaDm2Counted: number, totalFen: number, yearFen: number[]) =>
  event('SiteApplicationSubmitted', {
    siteId: 'buy',
    enterpriseId: 'E',
    kind: 'purchase',
    policyVersion: P,
    purchase: { areaDm2, areaDm2Counted, purchasedOn: '2023-01-20', certificateRef: 'C' },
    totalFen,
    yearFen,
  });
const lease = () =>
  event('SiteApplicationSubmitted', {
    siteId: 'lease',
    enterpriseId: 'E',
    kind: 'lease',
    policyVersion: P,
    lease: { startsOn: '2023-01-01', endsOn: '2027-12-31' },
  });
const leaseStarted = (year: number, perSeatFen: number) =>
  event('SiteTrancheApprovalStarted', {
    siteId: 'lease',
    enterpriseId: 'E',
    kind: 'lease',
    trancheId: `lease.y${year}`,
    year,
    decidedOn: '2023-03-01',
    policyVersion: P,
    perSeatFen,
  });
const counted = (year: number, effectiveSeats: number, seats: number) =>
  event('LeaseSeatsCounted', {
    trancheId: `lease.y${year}`,
    siteId: 'lease',
    enterpriseId: 'E',
    effectiveSeats,
    seats,
  });
const approved = (
  siteId: string,
  kind: string,
  trancheId: string,
  amountFen: number,
  over: Record<string, unknown> = {},
) =>
  event('SiteTrancheApproved', {
    siteId,
    enterpriseId: 'E',
    kind,
    trancheId,
    policyVersion: P,
    amountFen,
    ...over,
  });

describe('site amounts over the history (SiteAmountsInvariant)', () => {
  it('given the 2022 policy, when a renovation of 30,000,000 yuan records 5,000,000 yuan, then it holds; 9,000,000 (30 % uncapped) is R-SITE-RENO', () => {
    spec.given().when(renovation(500_000_000)).thenHolds();
    spec
      .given()
      .when(renovation(900_000_000))
      .thenViolates(
        'R-SITE-RENO',
        /records 900000000 fen; 30 % of 3000000000 fen, at most 500000000, is 500000000/,
      );
  });

  it('given special terms raising the cap to 8,000,000 yuan, when a renovation under them records 8,000,000 yuan, then it holds', () => {
    spec
      .given(
        event('SpecialTermsProposed', {
          termsId: 't1',
          enterpriseId: 'E',
          overrides: { site: { renovationCapFen: 800_000_000 } },
        }),
      )
      .when(renovation(800_000_000, { specialTermsId: 't1' }))
      .thenHolds();
  });

  it('given a renovation of 12.34 yuan, when it records a fen rounded up, then R-SITE-RENO (30 % rounds down)', () => {
    spec
      .given()
      .when(
        renovation(371, {
          renovation: { investmentFen: 1_234, auditRef: 'A', completedOn: '2023-03-20' },
        }),
      )
      .thenViolates('R-SITE-RENO', /records 371 fen/);
  });

  it('given a purchase of 5,001 m², when 5,000 m² are counted and the five years add up, then it holds; a tampered year or area is R-SITE-BUY', () => {
    const years = [75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000];
    spec
      .given()
      .when(purchase(500_100, 500_000, 250_000_000, years))
      .thenHolds();
    spec
      .given()
      .when(
        purchase(
          500_100,
          500_100,
          250_050_000,
          [75_015_000, 62_512_500, 37_507_500, 37_507_500, 37_507_500],
        ),
      )
      .thenViolates('R-SITE-BUY', /counts 500100 dm²; at most 500000/);
    spec
      .given()
      .when(
        purchase(
          500_100,
          500_000,
          250_000_000,
          [75_000_001, 62_500_000, 37_500_000, 37_500_000, 37_499_999],
        ),
      )
      .thenViolates('R-SITE-BUY', /year 1 records 75000001 fen; 75000000/);
  });

  it('given a lease, when year 4 is started at 2,500 yuan a seat, then R-SITE-LEASE (years 4-5 pay 1,250)', () => {
    spec
      .given(lease())
      .when(leaseStarted(4, 250_000))
      .thenViolates('R-SITE-LEASE', /year 4 at 250000 fen a seat; 125000/);
  });

  it('given 40 seats counted for lease year 1, when it is approved for 40 × 2,500 yuan, then it holds; for 41 seats or another amount, R-SITE-LEASE', () => {
    const given = [lease(), leaseStarted(1, 250_000), counted(1, 40, 40)];
    const ok = { effectiveSeats: 40, seats: 40, perSeatFen: 250_000, year: 1 };
    spec
      .given(...given)
      .when(approved('lease', 'lease', 'lease.y1', 10_000_000, ok))
      .thenHolds();
    spec
      .given(...given)
      .when(
        approved('lease', 'lease', 'lease.y1', 10_250_000, {
          ...ok,
          seats: 41,
          effectiveSeats: 41,
        }),
      )
      .thenViolates('R-SITE-LEASE', /41 seats of 41 effective; the count was 40 of 40/);
    spec
      .given(...given)
      .when(approved('lease', 'lease', 'lease.y1', 10_000_001, ok))
      .thenViolates('R-SITE-LEASE', /approves 10000001 fen; 40 seats × 250000 fen is 10000000/);
  });

  it('given a renovation and a purchase, when their tranches approve other amounts than recorded at application, then R-SITE-RENO and R-SITE-BUY', () => {
    spec
      .given(renovation(500_000_000))
      .when(approved('reno', 'renovation', 'reno.r', 500_000_001))
      .thenViolates('R-SITE-RENO', /approves 500000001 fen; the application's total is 500000000/);
    const years = [75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000];
    spec
      .given(purchase(500_100, 500_000, 250_000_000, years))
      .when(approved('buy', 'purchase', 'buy.y2', 75_000_000, { year: 2 }))
      .thenViolates(
        'R-SITE-BUY',
        /year 2 approves 75000000 fen; the application's year 2 is 62500000/,
      );
  });
});
