import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { spec } from '../testing/decider-specification';
import {
  decideRegisterEnterprise,
  decideRegisterSeatApplication,
  evolveEnterprise,
  initialEnterpriseState,
  RegisterEnterpriseCommand,
  requireEnterprise,
} from './enterprise.decider';
import { EnterpriseEvent } from './enterprise.events';

const enterpriseId = makeCreditCode(1);
const enterprise = spec({ initial: initialEnterpriseState, evolve: evolveEnterprise });

const register: RegisterEnterpriseCommand = {
  enterpriseId,
  name: '大同数据呼叫有限公司',
  industry: 'call',
  seats: 240,
  registeredOn: '2023-01-05',
};
const registered: EnterpriseEvent = { type: 'EnterpriseRegistered', data: { ...register } };

function applicationRegistered(
  applicationId: string,
  submittedOn: string,
  ordinal: number,
  firstTrancheMonths: number,
): EnterpriseEvent {
  return {
    type: 'SeatApplicationRegistered',
    data: { applicationId, submittedOn, ordinal, firstTrancheMonths, policyVersion: 'datong-2022' },
  };
}

describe('enterprise decider', () => {
  describe('RegisterEnterprise', () => {
    it('given no enterprise, when it is registered, then EnterpriseRegistered is written', () => {
      enterprise
        .given([])
        .when((s) => decideRegisterEnterprise(s, register))
        .then([registered]);
    });

    it('given a registered enterprise, when it is registered again, then it is a conflict', () => {
      enterprise
        .given([registered])
        .when((s) => decideRegisterEnterprise(s, register))
        .thenThrows({ kind: 'conflict', rule: null });
    });

    it('given no enterprise, when it is required, then it is not found', () => {
      expect(() => requireEnterprise(initialEnterpriseState(), enterpriseId)).toThrow(
        expect.objectContaining({ kind: 'not_found' }),
      );
    });
  });

  describe('RegisterSeatApplication (R-SEAT-2 ordinal and first-tranche months)', () => {
    it('given no prior application, when the first is submitted in the trial year, then it is ordinal 1 needing 2 months', () => {
      enterprise
        .given([registered])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-1', submittedOn: '2023-02-01' },
            DATONG_2022,
          ),
        )
        .then([applicationRegistered('app-1', '2023-02-01', 1, 2)]);
    });

    it('given no prior application, when the first is submitted on the last trial day 2023-12-22, then it needs 2 months', () => {
      enterprise
        .given([registered])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-1', submittedOn: '2023-12-22' },
            DATONG_2022,
          ),
        )
        .then([applicationRegistered('app-1', '2023-12-22', 1, 2)]);
    });

    it('given no prior application, when the first is submitted after the trial on 2023-12-23, then it needs 6 months', () => {
      enterprise
        .given([registered])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-1', submittedOn: '2023-12-23' },
            DATONG_2022,
          ),
        )
        .then([applicationRegistered('app-1', '2023-12-23', 1, 6)]);
    });

    it('given a first application in the trial year, when a second is submitted in the trial year, then it is ordinal 2 needing 6 months', () => {
      enterprise
        .given([registered, applicationRegistered('app-1', '2023-02-01', 1, 2)])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-2', submittedOn: '2023-03-01' },
            DATONG_2022,
          ),
        )
        .then([applicationRegistered('app-2', '2023-03-01', 2, 6)]);
    });

    it('given an application already registered, when it is registered again, then nothing is written (idempotent)', () => {
      enterprise
        .given([registered, applicationRegistered('app-1', '2023-02-01', 1, 2)])
        .when((s) =>
          decideRegisterSeatApplication(
            s,
            { applicationId: 'app-1', submittedOn: '2023-02-01' },
            DATONG_2022,
          ),
        )
        .thenNothing();
    });

    it('given a registered application, when the state is folded, then it remembers the ordinal and months', () => {
      const state = [registered, applicationRegistered('app-1', '2023-02-01', 1, 2)].reduce(
        evolveEnterprise,
        initialEnterpriseState(),
      );
      expect(state.applications.get('app-1')).toEqual({ ordinal: 1, firstTrancheMonths: 2 });
      expect(state.seats).toBe(240);
    });
  });
});
