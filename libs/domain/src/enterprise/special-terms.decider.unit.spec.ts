import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { DEFAULT_POLICY_TABLE } from '../policy/policy-table';
import { spec } from '../testing/decider-specification';
import { evolveEnterprise, initialEnterpriseState } from './enterprise.decider';
import {
  decideConfirmSpecialTerms,
  decideProposeSpecialTerms,
  policyFor,
  ProposeSpecialTermsCommand,
} from './special-terms.decider';
import { EnterpriseEvent } from './enterprise.events';

const E = makeCreditCode(7301);
const decider = spec({ initial: initialEnterpriseState, evolve: evolveEnterprise });
const registered = (seats: number): EnterpriseEvent => ({
  type: 'EnterpriseRegistered',
  data: {
    enterpriseId: E,
    name: '大同大呼叫',
    industry: 'call',
    seats,
    registeredOn: '2023-01-05',
  },
});
const propose = (over: Partial<ProposeSpecialTermsCommand> = {}): ProposeSpecialTermsCommand => ({
  enterpriseId: E,
  termsId: 't-1',
  documentRef: '同政办函〔2023〕12号',
  basis: 'top-enterprise',
  overrides: { site: { renovationCapFen: 800_000_000 } },
  validFrom: '2023-01-01',
  validTo: '2027-12-31',
  proposedOn: '2023-02-01',
  proposedBy: 'rita',
  note: '',
  ...over,
});
const proposed: EnterpriseEvent = {
  type: 'SpecialTermsProposed',
  data: {
    ...propose(),
    overrides: { site: { renovationCapFen: 800_000_000 } },
    policyVersion: 'datong-2022',
  },
};
const confirmed: EnterpriseEvent = {
  type: 'SpecialTermsConfirmed',
  data: { enterpriseId: E, termsId: 't-1', confirmedOn: '2023-02-03', confirmedBy: 'fay' },
};

describe('enterprise decider: special terms (R-SPECIAL)', () => {
  it('given a Top 500 enterprise with 600 seats, when a reviewer proposes terms, then they are recorded with the policy version', () => {
    decider
      .given([registered(600)])
      .when((s) => decideProposeSpecialTerms(s, propose(), DATONG_2022))
      .then([proposed]);
  });

  it('given an enterprise with 499 seats, when terms are proposed on the top-enterprise basis, then 422 R-SPECIAL', () => {
    decider
      .given([registered(499)])
      .when((s) => decideProposeSpecialTerms(s, propose(), DATONG_2022))
      .thenThrows({ kind: 'rule', rule: 'R-SPECIAL' });
  });

  it('given overrides of a parameter that may not be overridden, when proposed, then 400 naming it', () => {
    decider
      .given([registered(600)])
      .when((s) =>
        decideProposeSpecialTerms(
          s,
          propose({ overrides: { seat: { trancheFen: 1 } } }),
          DATONG_2022,
        ),
      )
      .thenThrows({ kind: 'invalid', details: { field: 'overrides.seat.trancheFen' } });
  });

  it('given live terms for 2023-2027, when overlapping terms are proposed, then 422 R-SPECIAL', () => {
    decider
      .given([registered(600), proposed])
      .when((s) =>
        decideProposeSpecialTerms(
          s,
          propose({ termsId: 't-2', validFrom: '2027-12-31', validTo: '2028-12-31' }),
          DATONG_2022,
        ),
      )
      .thenThrows({ kind: 'rule', rule: 'R-SPECIAL' });
  });

  it('given terms proposed by rita, when rita confirms them, then 403 R-SPECIAL; when fay confirms, they are confirmed', () => {
    decider
      .given([registered(600), proposed])
      .when((s) =>
        decideConfirmSpecialTerms(s, {
          termsId: 't-1',
          confirmedOn: '2023-02-03',
          confirmedBy: 'rita',
        }),
      )
      .thenThrows({ kind: 'forbidden', rule: 'R-SPECIAL' });
    decider
      .given([registered(600), proposed])
      .when((s) =>
        decideConfirmSpecialTerms(s, {
          termsId: 't-1',
          confirmedOn: '2023-02-03',
          confirmedBy: 'fay',
        }),
      )
      .then([confirmed]);
  });

  it('given confirmed terms, when confirmed again, then 409; unknown terms are 404', () => {
    decider
      .given([registered(600), proposed, confirmed])
      .when((s) =>
        decideConfirmSpecialTerms(s, {
          termsId: 't-1',
          confirmedOn: '2023-02-04',
          confirmedBy: 'fin2',
        }),
      )
      .thenThrows({ kind: 'conflict' });
    decider
      .given([registered(600)])
      .when((s) =>
        decideConfirmSpecialTerms(s, {
          termsId: 'nope',
          confirmedOn: '2023-02-04',
          confirmedBy: 'fay',
        }),
      )
      .thenThrows({ kind: 'not_found' });
  });

  it('given confirmed terms valid 2023-2027, when the parameters of a date are asked, then they are overlaid in the window only', () => {
    const state = [registered(600), proposed, confirmed].reduce(
      evolveEnterprise,
      initialEnterpriseState(),
    );
    const inside = policyFor(DEFAULT_POLICY_TABLE, state, '2024-05-01');
    expect(inside).toMatchObject({ policyVersion: 'datong-2022', specialTermsId: 't-1' });
    expect(inside.policy.site.renovationCapFen).toBe(800_000_000);
    const before = policyFor(DEFAULT_POLICY_TABLE, state, '2022-12-31');
    expect(before.specialTermsId).toBeUndefined();
    expect(before.policy.site.renovationCapFen).toBe(500_000_000);
  });

  it('given proposed but unconfirmed terms, when the parameters are asked, then the policy is not overlaid', () => {
    const state = [registered(600), proposed].reduce(evolveEnterprise, initialEnterpriseState());
    expect(policyFor(DEFAULT_POLICY_TABLE, state, '2024-05-01').specialTermsId).toBeUndefined();
  });
});
