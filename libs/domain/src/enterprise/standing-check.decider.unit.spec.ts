import { makeCreditCode } from '../identity/test-ids';
import { latestStandingCheckOn } from '../rules/site-conditions.rule';
import { spec } from '../testing/decider-specification';
import { evolveEnterprise, initialEnterpriseState } from './enterprise.decider';
import { EnterpriseEvent } from './enterprise.events';
import { decideRecordStandingCheck, RecordStandingCheckCommand } from './standing-check.decider';

const enterpriseId = makeCreditCode(7301);
const enterprise = spec({ initial: initialEnterpriseState, evolve: evolveEnterprise });
const registered: EnterpriseEvent = {
  type: 'EnterpriseRegistered',
  data: {
    enterpriseId,
    name: '大同呼叫',
    industry: 'call',
    seats: 300,
    registeredOn: '2023-01-05',
  },
};
const fold = (events: EnterpriseEvent[]) =>
  events.reduce(evolveEnterprise, initialEnterpriseState());
const check = (over: Partial<RecordStandingCheckCommand> = {}): RecordStandingCheckCommand => ({
  enterpriseId,
  checkId: 'chk-1',
  checkedOn: '2023-03-01',
  normalOperation: true,
  badCreditRecord: false,
  source: '信用中国',
  checkedBy: 'rita',
  ...over,
});

describe('RecordStandingCheck (R-SITE-COND)', () => {
  it('given a registered enterprise, when a reviewer records a check, then StandingChecked is written and the check governs from its date', () => {
    enterprise
      .given([registered])
      .when((s) => decideRecordStandingCheck(s, check()))
      .then([{ type: 'StandingChecked', data: { ...check() } }]);
    const state = fold([registered, ...decideRecordStandingCheck(fold([registered]), check())]);
    expect(latestStandingCheckOn(state.standingChecks, '2023-03-01')).toEqual({
      checkId: 'chk-1',
      checkedOn: '2023-03-01',
      normalOperation: true,
      badCreditRecord: false,
      source: '信用中国',
    });
  });

  it('given an unknown enterprise, when a check is recorded, then 404', () => {
    enterprise
      .given([])
      .when((s) => decideRecordStandingCheck(s, check()))
      .thenThrows({ kind: 'not_found' });
  });

  it('given a check already recorded, when its id is used again, then 409', () => {
    enterprise
      .given([registered, { type: 'StandingChecked', data: { ...check() } }])
      .when((s) => decideRecordStandingCheck(s, check({ checkedOn: '2023-04-01' })))
      .thenThrows({ kind: 'conflict' });
  });

  it('given a blank source, when a check is recorded, then 400 naming source', () => {
    enterprise
      .given([registered])
      .when((s) => decideRecordStandingCheck(s, check({ source: '  ' })))
      .thenThrows({ kind: 'invalid', details: { field: 'source' } });
  });
});
