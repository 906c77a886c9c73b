import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { paymentAfterPublicityRule } from '../rules/payment-after-publicity.rule';
import { spec } from '../testing/decider-specification';
import {
  decideCompleteObjectionResolution,
  decideCompletePublicityLinking,
  decideOpenPublicity,
  decideRaiseObjection,
  decideResolveObjection,
  evolvePublicity,
  initialPublicityState,
  OpenPublicityCommand,
  publicityForPayment,
  PublicityState,
} from './publicity.decider';
import { PublicityEntry, PublicityEvent } from './publicity.events';

const publicity = spec({ initial: initialPublicityState, evolve: evolvePublicity });
const ENT_A = makeCreditCode(101);
const ENT_B = makeCreditCode(202);

function entry(trancheId: string, claimId: string, enterpriseId: string): PublicityEntry {
  return {
    trancheId,
    claimId,
    enterpriseId,
    enterpriseName: enterpriseId === ENT_A ? '甲公司' : '乙公司',
    personName: `name of ${claimId}`,
    personIdMasked: '140202********1234',
    amountFen: 250_000,
  };
}

const open: OpenPublicityCommand = {
  publicityId: 'pub-1',
  startsOn: '2023-03-01',
  endsOn: '2023-03-07',
  tranches: [
    { trancheId: 'app-a.t1', applicationId: 'app-a', enterpriseId: ENT_A },
    { trancheId: 'app-b.t1', applicationId: 'app-b', enterpriseId: ENT_B },
  ],
  entries: [
    entry('app-a.t1', 'app-a.c1', ENT_A),
    entry('app-a.t1', 'app-a.c2', ENT_A),
    entry('app-b.t1', 'app-b.c1', ENT_B),
  ],
};
const opened: PublicityEvent = {
  type: 'PublicityOpened',
  data: { processId: 'pub-1', policyVersion: 'datong-2022', ...open },
};
const linked: PublicityEvent = {
  type: 'PublicityLinked',
  data: {
    processId: 'pub-1',
    publicityId: 'pub-1',
    linked: ['app-a.t1', 'app-b.t1'],
    notLinked: [],
  },
};

function raised(objectionId: string, claimId?: string, raisedOn = '2023-03-03'): PublicityEvent {
  return {
    type: 'ObjectionRaised',
    data: {
      publicityId: 'pub-1',
      objectionId,
      raisedOn,
      claimId,
      text: 'this person never worked there',
    },
  };
}

function resolved(
  objectionId: string,
  upheld: boolean,
  claim?: { claimId: string; trancheId: string },
): PublicityEvent {
  return {
    type: 'ObjectionResolved',
    data: {
      processId: objectionId,
      publicityId: 'pub-1',
      claimId: claim?.claimId,
      trancheId: claim?.trancheId,
      objectionId,
      resolvedOn: '2023-03-06',
      upheld,
      reason: upheld ? 'payroll shows no such employee' : 'payroll checked, employee is real',
    },
  };
}

const applied = (objectionId: string, withdrawnFen: number): PublicityEvent => ({
  type: 'ObjectionResolutionApplied',
  data: { processId: objectionId, publicityId: 'pub-1', objectionId, withdrawnFen },
});

const fold = (events: readonly PublicityEvent[]): PublicityState =>
  events.reduce(evolvePublicity, initialPublicityState());

describe('publicity decider', () => {
  describe('OpenPublicity (R-PUB)', () => {
    it('given no notice, when one of 7 days (2023-03-01..2023-03-07) is opened, then PublicityOpened is written', () => {
      publicity
        .given([])
        .when((s) => decideOpenPublicity(s, open, DATONG_2022))
        .then([opened]);
    });

    it('given no notice, when one of 6 days (2023-03-01..2023-03-06) is opened, then it is refused naming R-PUB', () => {
      publicity
        .given([])
        .when((s) => decideOpenPublicity(s, { ...open, endsOn: '2023-03-06' }, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given no notice, when one ending before it starts is opened, then it is invalid', () => {
      publicity
        .given([])
        .when((s) => decideOpenPublicity(s, { ...open, endsOn: '2023-02-28' }, DATONG_2022))
        .thenThrows({ kind: 'invalid' });
    });

    it('given no notice, when one is opened naming where it is posted, then the event records it; a blank place is 400 naming publishedAt', () => {
      const [event] = decideOpenPublicity(
        initialPublicityState(),
        { ...open, publishedAt: 'https://www.dt.gov.cn/gsgg/2023-03' },
        DATONG_2022,
      );
      expect(event.data).toMatchObject({ publishedAt: 'https://www.dt.gov.cn/gsgg/2023-03' });
      publicity
        .given([])
        .when((s) => decideOpenPublicity(s, { ...open, publishedAt: ' ' }, DATONG_2022))
        .thenThrows({ kind: 'invalid', details: { field: 'publishedAt' } });
    });

    it('given no notice, when one without tranches is opened, then it is invalid', () => {
      publicity
        .given([])
        .when((s) => decideOpenPublicity(s, { ...open, tranches: [] }, DATONG_2022))
        .thenThrows({ kind: 'invalid' });
    });

    it('given an open notice, when it is opened again, then it is a conflict', () => {
      publicity
        .given([opened])
        .when((s) => decideOpenPublicity(s, open, DATONG_2022))
        .thenThrows({ kind: 'conflict' });
    });

    it('given an opened notice, when linking completes, then PublicityLinked is written once', () => {
      publicity
        .given([opened])
        .when((s) => decideCompletePublicityLinking(s, ['app-a.t1', 'app-b.t1'], []))
        .then([linked]);
      publicity
        .given([opened, linked])
        .when((s) => decideCompletePublicityLinking(s, ['app-a.t1', 'app-b.t1'], []))
        .thenNothing();
    });
  });

  describe('RaiseObjection', () => {
    it('given an open notice, when an objection names a claim on it, then ObjectionRaised is written', () => {
      publicity
        .given([opened, linked])
        .when((s) =>
          decideRaiseObjection(s, {
            objectionId: 'obj-1',
            raisedOn: '2023-03-03',
            claimId: 'app-a.c1',
            text: 'this person never worked there',
          }),
        )
        .then([raised('obj-1', 'app-a.c1')]);
    });

    it('given an open notice, when an objection names a claim not on it, then it is not found', () => {
      publicity
        .given([opened, linked])
        .when((s) =>
          decideRaiseObjection(s, {
            objectionId: 'obj-1',
            raisedOn: '2023-03-03',
            claimId: 'app-z.c9',
            text: 'who is this?',
          }),
        )
        .thenThrows({ kind: 'not_found' });
    });

    it('given no notice, when an objection is raised, then it is not found', () => {
      publicity
        .given([])
        .when((s) =>
          decideRaiseObjection(s, { objectionId: 'obj-1', raisedOn: '2023-03-03', text: 'x' }),
        )
        .thenThrows({ kind: 'not_found' });
    });

    it('given a notice starting 2023-03-01, when an objection is raised on 2023-02-28, then it is refused naming R-PUB', () => {
      publicity
        .given([opened])
        .when((s) =>
          decideRaiseObjection(s, { objectionId: 'obj-1', raisedOn: '2023-02-28', text: 'early' }),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given an open notice, when an objection has blank text, then it is invalid', () => {
      publicity
        .given([opened])
        .when((s) =>
          decideRaiseObjection(s, { objectionId: 'obj-1', raisedOn: '2023-03-02', text: '   ' }),
        )
        .thenThrows({ kind: 'invalid' });
    });
  });

  describe('ResolveObjection', () => {
    const resolve = {
      objectionId: 'obj-1',
      resolvedOn: '2023-03-06',
      upheld: true,
      reason: 'payroll shows no such employee',
    };

    it('given an open objection on a claim, when it is upheld, then ObjectionResolved names the claim and its tranche', () => {
      publicity
        .given([opened, linked, raised('obj-1', 'app-a.c2')])
        .when((s) => decideResolveObjection(s, resolve))
        .then([resolved('obj-1', true, { claimId: 'app-a.c2', trancheId: 'app-a.t1' })]);
    });

    it('given an objection already resolved, when it is resolved again, then it is a conflict', () => {
      publicity
        .given([opened, raised('obj-1'), resolved('obj-1', false)])
        .when((s) => decideResolveObjection(s, resolve))
        .thenThrows({ kind: 'conflict' });
    });

    it('given no such objection, when it is resolved, then it is not found', () => {
      publicity
        .given([opened])
        .when((s) => decideResolveObjection(s, resolve))
        .thenThrows({ kind: 'not_found' });
    });

    it('given an objection raised on 2023-03-03, when it is resolved on 2023-03-02, then it is invalid', () => {
      publicity
        .given([opened, raised('obj-1')])
        .when((s) => decideResolveObjection(s, { ...resolve, resolvedOn: '2023-03-02' }))
        .thenThrows({ kind: 'invalid' });
    });

    it('given an open objection, when it is resolved without a reason, then it is invalid', () => {
      publicity
        .given([opened, raised('obj-1')])
        .when((s) => decideResolveObjection(s, { ...resolve, reason: ' ' }))
        .thenThrows({ kind: 'invalid' });
    });

    it('given an upheld objection on a claim, when its resolution completes, then it is applied once', () => {
      const given = [
        opened,
        raised('obj-1', 'app-a.c2'),
        resolved('obj-1', true, { claimId: 'app-a.c2', trancheId: 'app-a.t1' }),
      ];
      publicity
        .given(given)
        .when((s) => decideCompleteObjectionResolution(s, 'obj-1', 250_000))
        .then([applied('obj-1', 250_000)]);
      publicity
        .given([...given, applied('obj-1', 250_000)])
        .when((s) => decideCompleteObjectionResolution(s, 'obj-1', 250_000))
        .thenNothing();
    });
  });

  describe('publicityForPayment', () => {
    it('given a notice without objections, when asked for a tranche on it, then nothing blocks', () => {
      expect(publicityForPayment(fold([opened, linked]), 'app-a.t1')).toEqual({
        publicityId: 'pub-1',
        startsOn: '2023-03-01',
        endsOn: '2023-03-07',
        openObjections: 0,
        upheldObjectionsOnTheList: 0,
      });
    });

    it('given a notice, when asked for a tranche not on it, then there is no publicity', () => {
      expect(publicityForPayment(fold([opened]), 'app-c.t1')).toBeUndefined();
    });

    it('given no notice, when asked, then there is no publicity', () => {
      expect(publicityForPayment(initialPublicityState(), 'app-a.t1')).toBeUndefined();
    });

    it('given open objections on the list and on a claim of tranche A, when asked for A, then both count as open', () => {
      const state = fold([opened, raised('obj-1'), raised('obj-2', 'app-a.c1')]);
      expect(publicityForPayment(state, 'app-a.t1')).toMatchObject({ openObjections: 2 });
    });

    it('given an open objection on a claim of tranche A, when asked for tranche B, then only objections concerning B count', () => {
      const state = fold([opened, raised('obj-1'), raised('obj-2', 'app-a.c1')]);
      expect(publicityForPayment(state, 'app-b.t1')).toMatchObject({ openObjections: 1 });
    });

    it('given an objection on the list that was upheld, when asked for any tranche, then it counts as upheld on the list', () => {
      const state = fold([opened, raised('obj-1'), resolved('obj-1', true)]);
      expect(publicityForPayment(state, 'app-a.t1')).toMatchObject({
        openObjections: 0,
        upheldObjectionsOnTheList: 1,
      });
      expect(publicityForPayment(state, 'app-b.t1')).toMatchObject({
        upheldObjectionsOnTheList: 1,
      });
    });

    it('given objections that were dismissed, when asked, then nothing blocks', () => {
      const state = fold([
        opened,
        raised('obj-1'),
        raised('obj-2', 'app-a.c1'),
        resolved('obj-1', false),
        resolved('obj-2', false, { claimId: 'app-a.c1', trancheId: 'app-a.t1' }),
      ]);
      expect(publicityForPayment(state, 'app-a.t1')).toMatchObject({
        openObjections: 0,
        upheldObjectionsOnTheList: 0,
      });
    });

    it('given an upheld objection on one claim whose withdrawal was applied, when asked, then it does not block the rest of the tranche', () => {
      const state = fold([
        opened,
        raised('obj-1', 'app-a.c1'),
        resolved('obj-1', true, { claimId: 'app-a.c1', trancheId: 'app-a.t1' }),
        applied('obj-1', 250_000),
      ]);
      const forPayment = publicityForPayment(state, 'app-a.t1');
      expect(forPayment).toMatchObject({ openObjections: 0, upheldObjectionsOnTheList: 0 });
      expect(paymentAfterPublicityRule(forPayment, '2023-03-08')).toBeUndefined();
    });

    it('given an upheld objection on a claim whose withdrawal is not yet applied, when tranche A is paid after the notice, then R-PUB refuses it', () => {
      // The claim is still in the tranche (ObjectionResolutionApplied not written,
      // e.g. a crash after ObjectionResolved): paying now would pay the false claim.
      const state = fold([
        opened,
        linked,
        raised('obj-1', 'app-a.c1'),
        resolved('obj-1', true, { claimId: 'app-a.c1', trancheId: 'app-a.t1' }),
      ]);
      expect(
        paymentAfterPublicityRule(publicityForPayment(state, 'app-a.t1'), '2023-03-08'),
      ).toEqual(expect.objectContaining({ rule: 'R-PUB' }));
    });
  });
});
