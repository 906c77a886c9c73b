import * as fc from 'fast-check';
import { EnterpriseState, initialEnterpriseState } from '../enterprise/enterprise.decider';
import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { goodStanding } from '../rules/enterprise-suspension.rule';
import { LedgerError } from '../shared/ledger-error';
import { countCase, FUZZ, reportCases } from '../testing/fuzz';
import {
  decideCompleteSiteTranche,
  decidePublicizeSiteTranche,
  decideRecordSiteDisbursement,
  decideStartSiteTranche,
  decideSubmitSiteApplication,
  evolveSite,
  foldSite,
  SiteState,
} from './site.decider';
import { SiteEvent } from './site.events';
import { initialSiteState } from './site.state';

/**
 * Fuzz tier (issue #12): payments of a site tranche (a renovation, 5,000,000
 * yuan after the cap, as in the site decider spec) in random order, amounts,
 * dates and payers. It is paid once at most, for exactly what it owes, in
 * whole fen; every refusal is a LedgerError; a replay of the stored events
 * (JSON) gives the same state.
 */
const E = makeCreditCode(7101);
const effective = { policy: DATONG_2022, policyVersion: 'datong-2022' };
const enterprise: EnterpriseState = {
  ...initialEnterpriseState(),
  registered: true,
  enterpriseId: E,
};
const standing = goodStanding(E);
const checks = [
  {
    checkId: 'chk-1',
    checkedOn: '2023-01-01',
    normalOperation: true,
    badCreditRecord: false,
    source: '信用中国',
  },
];
const submitted = decideSubmitSiteApplication(
  initialSiteState(),
  enterprise,
  standing,
  {
    siteId: 's1',
    enterpriseId: E,
    kind: 'renovation',
    submittedOn: '2023-02-01',
    submittedBy: 'a-clerk',
    submittedByReviewer: false,
    premises: { address: '大同市平城区 1 号', premisesKey: 'pk' },
    renovation: { investmentFen: 2_000_000_000, auditRef: 'AUD-1', completedOn: '2023-01-20' },
  },
  effective,
);
const start = decideStartSiteTranche(
  foldSite(submitted),
  { decidedOn: '2023-03-01', approvedBy: 'fay' },
  effective,
  standing,
  checks,
);
const approved = [
  ...submitted,
  ...start,
  ...decideCompleteSiteTranche(foldSite([...submitted, ...start]), 's1.r', undefined),
];
const given: SiteEvent[] = [
  ...approved,
  ...decidePublicizeSiteTranche(foldSite(approved), {
    trancheId: 's1.r',
    publicityId: 'pub-1',
    startsOn: '2023-03-02',
    endsOn: '2023-03-08',
  }),
];
const notice = {
  publicityId: 'pub-1',
  startsOn: '2023-03-02',
  endsOn: '2023-03-08',
  openObjections: 0,
  upheldObjectionsOnTheList: 0,
};
const OWED_FEN = 500_000_000;

const payment = fc.record({
  tranche: fc.constantFrom('s1.r', 's1.y1', 's2.r'),
  disbursement: fc.integer({ min: 1, max: 4 }),
  paidOn: fc
    .record({ month: fc.integer({ min: 2, max: 5 }), day: fc.integer({ min: 1, max: 28 }) })
    .map(({ month, day }) => `2023-0${month}-${String(day).padStart(2, '0')}`),
  amountFen: fc.oneof(
    fc.constantFrom(OWED_FEN, OWED_FEN - 1, OWED_FEN + 1, 600_000_000, 0),
    fc.integer({ min: 0, max: 1_000_000_000 }),
  ),
  bankRef: fc.constantFrom('B-1', 'B-2'),
  paidBy: fc.constantFrom('fin-1', 'fin-2', 'fay'),
});

const snapshot = (state: SiteState): unknown =>
  JSON.parse(
    JSON.stringify(state, (_key, value: unknown) =>
      value instanceof Map
        ? [...value.entries()].sort(([x], [y]) => String(x).localeCompare(String(y)))
        : value instanceof Set
          ? [...value].sort()
          : value,
    ),
  );

describe('fuzz: paying a site tranche (R-PAY)', () => {
  afterAll(reportCases);

  it('given random payments, then the tranche is paid once at most, for what it owes, in whole fen, and a replay gives the same state', () => {
    let paid = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(payment, { minLength: 1, maxLength: 20, size: 'medium' }),
        (payments) => {
          countCase('site payment sequences');
          let state = foldSite(given);
          const stored: SiteEvent[] = [...given];
          for (const p of payments) {
            let events: SiteEvent[];
            try {
              events = decideRecordSiteDisbursement(
                state,
                {
                  disbursementId: `d-${p.disbursement}`,
                  trancheId: p.tranche,
                  paidOn: p.paidOn,
                  amountFen: p.amountFen,
                  bankRef: p.bankRef,
                  paidBy: p.paidBy,
                },
                notice,
                standing,
              );
            } catch (error) {
              expect(error).toBeInstanceOf(LedgerError);
              refused += 1;
              continue;
            }
            for (const event of events) {
              if (event.type === 'SiteTrancheDisbursed') {
                expect(event.data.amountFen).toBe(OWED_FEN);
              }
              state = evolveSite(state, event);
              stored.push(JSON.parse(JSON.stringify(event)) as SiteEvent);
            }
          }
          const disbursed = stored.filter((e) => e.type === 'SiteTrancheDisbursed');
          expect(disbursed.length).toBeLessThanOrEqual(1);
          paid += disbursed.length;
          expect(snapshot(foldSite(stored))).toEqual(snapshot(state));
        },
      ),
      FUZZ.deciderRuns,
    );
    expect(paid).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(paid);
  });
});
