import { foldSeatApplication } from './seat-application.state';
import {
  application,
  approvedApplication,
  cid,
  LONG,
  publicized,
  tid,
  tranche,
  trancheStarted,
  withdrawn,
} from './testing/seat-application.fixture';
import {
  checkPublishable,
  decidePublicizeTranche,
  decideWithdrawClaim,
} from './tranche-publicity.decider';

describe('seat-application decider', () => {
  describe('PublicizeTranche', () => {
    const given = [...approvedApplication([LONG, LONG], 2), ...tranche(1, '2023-04-01', [1, 2])];
    const cmd = {
      trancheId: tid(1),
      publicityId: 'pub-1',
      startsOn: '2023-04-02',
      endsOn: '2023-04-08',
    };

    it('given an approved tranche, when it is publicized, then TranchePublicized is written', () => {
      application
        .given(given)
        .when((s) => decidePublicizeTranche(s, cmd))
        .then([publicized(1, '2023-04-02', '2023-04-08')]);
    });

    it('given a publicized tranche, when it is publicized again, then nothing is written (idempotent)', () => {
      application
        .given([...given, publicized(1, '2023-04-02', '2023-04-08')])
        .when((s) => decidePublicizeTranche(s, cmd))
        .thenNothing();
    });

    it('given an approved tranche, when it is checked for a notice, then it is publishable', () => {
      expect(checkPublishable(foldSeatApplication(given), tid(1), '2023-04-02').tranche).toBe(1);
    });

    it('given a tranche already on a notice, when checked for another, then it is a conflict', () => {
      const state = foldSeatApplication([...given, publicized(1, '2023-04-02', '2023-04-08')]);
      expect(() => checkPublishable(state, tid(1), '2023-04-10')).toThrow(
        expect.objectContaining({ kind: 'conflict' }),
      );
    });

    it('given a tranche approved on 2023-04-01, when a notice would start 2023-03-31, then it is refused naming R-DATE', () => {
      expect(() => checkPublishable(foldSeatApplication(given), tid(1), '2023-03-31')).toThrow(
        expect.objectContaining({ kind: 'rule', rule: 'R-DATE' }),
      );
    });

    it('given a tranche still being approved, when checked for a notice, then it is a conflict', () => {
      const state = foldSeatApplication([
        ...approvedApplication([LONG], 2),
        trancheStarted(1, '2023-04-01', [1]),
      ]);
      expect(() => checkPublishable(state, tid(1), '2023-04-02')).toThrow(
        expect.objectContaining({ kind: 'conflict' }),
      );
    });

    it('given a tranche that pays nobody, when checked for a notice, then it is refused naming R-PUB', () => {
      const state = foldSeatApplication([...given, withdrawn(1, 1), withdrawn(1, 2)]);
      expect(() => checkPublishable(state, tid(1), '2023-04-02')).toThrow(
        expect.objectContaining({ kind: 'rule', rule: 'R-PUB' }),
      );
    });
  });

  describe('WithdrawClaim (upheld objection)', () => {
    const given = [
      ...approvedApplication([LONG, LONG], 2),
      ...tranche(1, '2023-04-01', [1, 2]),
      publicized(1, '2023-04-02', '2023-04-08'),
    ];
    const cmd = {
      trancheId: tid(1),
      claimId: cid(2),
      withdrawnOn: '2023-04-05',
      objectionId: 'obj-1',
      publicityId: 'pub-1',
    };

    it('given a tranche paying two claims, when one is withdrawn, then ClaimWithdrawnFromTranche carries its reservation and amount', () => {
      application
        .given(given)
        .when((s) => decideWithdrawClaim(s, cmd))
        .then([withdrawn(1, 2)]);
    });

    it('given a claim withdrawn from a tranche of 5,000 yuan, when the state is folded, then the tranche pays 2,500 yuan', () => {
      const before = foldSeatApplication(given).tranches.get(tid(1));
      const after = foldSeatApplication([...given, withdrawn(1, 2)]).tranches.get(tid(1));
      expect(before?.amountFen).toBe(500_000);
      expect(after?.amountFen).toBe(250_000);
    });

    it('given a claim already withdrawn, when it is withdrawn again, then nothing is written', () => {
      application
        .given([...given, withdrawn(1, 2)])
        .when((s) => decideWithdrawClaim(s, cmd))
        .thenNothing();
    });

    it('given a claim not in the tranche, when it is withdrawn, then nothing is written', () => {
      application
        .given(given)
        .when((s) => decideWithdrawClaim(s, { ...cmd, claimId: cid(9) }))
        .thenNothing();
    });
  });
});
