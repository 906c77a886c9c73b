import { EnterpriseEvent } from '../enterprise/enterprise.events';
import { evolveEnterprise, initialEnterpriseState } from '../enterprise/enterprise.decider';
import { spec } from '../testing/decider-specification';
import {
  caseTotals,
  claimsSettledAtOnce,
  decideCloseCase,
  decideCompleteCaseOpening,
  decideCompleteClosure,
  decideCompleteFinding,
  decideCompleteRecovery,
  decideOpenCase,
  decideRecordFinding,
  decideRecordRecovery,
  evolveCase,
  foldCase,
  initialCaseState,
  RecordRecoveryCommand,
} from './case.decider';
import { CaseEvent, FalseClaimOutcome } from './case.events';
import {
  ENT,
  CASE,
  open,
  opened,
  suspensionApplied,
  ref,
  finding,
  findingRecorded,
  outcomes,
  findingApplied,
  withFinding,
} from './testing/two-false-claims.fixture';

const fraudCase = spec({ initial: initialCaseState, evolve: evolveCase });

const registered: EnterpriseEvent = {
  type: 'EnterpriseRegistered',
  data: {
    enterpriseId: ENT,
    name: '大同呼叫',
    industry: 'call',
    seats: 300,
    registeredOn: '2023-01-05',
  },
};
const enterprise = evolveEnterprise(initialEnterpriseState(), registered);

const recovery = (
  id: string,
  amountFen: number,
  receivedOn = '2024-04-01',
): RecordRecoveryCommand => ({
  recoveryId: id,
  receivedOn,
  amountFen,
  bankRef: `BACK-${id}`,
  recordedBy: 'fay',
});

describe('case decider (R-FRAUD)', () => {
  describe('OpenCase', () => {
    it('given a registered enterprise, when a supervisor opens a case with suspension, then CaseOpened starts the suspension process', () => {
      fraudCase
        .given([])
        .when((s) => decideOpenCase(s, enterprise, open))
        .then([opened()]);
      expect(foldCase([opened()]).openProcesses.has(CASE)).toBe(true);
    });

    it('given a case opened without suspension, when folded, then no process is open', () => {
      expect(foldCase([opened(false)]).openProcesses.size).toBe(0);
    });

    it('given an unknown enterprise, when a case is opened, then it is not found', () => {
      fraudCase
        .given([])
        .when((s) => decideOpenCase(s, initialEnterpriseState(), open))
        .thenThrows({ kind: 'not_found' });
    });

    it('given the case exists, when it is opened again, then it is a conflict', () => {
      fraudCase
        .given([opened()])
        .when((s) => decideOpenCase(s, enterprise, open))
        .thenThrows({ kind: 'conflict' });
    });

    it('given no reason, when a case is opened, then it is invalid', () => {
      fraudCase
        .given([])
        .when((s) => decideOpenCase(s, enterprise, { ...open, reason: ' ' }))
        .thenThrows({ kind: 'invalid', details: { field: 'reason' } });
    });

    it('given the enterprise suspended, when the opening completes, then CaseSuspensionApplied ends it, once', () => {
      fraudCase.given([opened()]).when(decideCompleteCaseOpening).then([suspensionApplied]);
      fraudCase.given([opened(), suspensionApplied]).when(decideCompleteCaseOpening).thenNothing();
      fraudCase
        .given([opened(false)])
        .when(decideCompleteCaseOpening)
        .thenNothing();
    });
  });

  describe('RecordFinding', () => {
    it('given an open case, when a finding names two claims, then FindingRecorded starts the finding process', () => {
      fraudCase
        .given([opened(), suspensionApplied])
        .when((s) => decideRecordFinding(s, finding))
        .then([findingRecorded]);
    });

    it('given the suspension still being applied, when a finding is recorded, then it is a conflict (retry)', () => {
      fraudCase
        .given([opened()])
        .when((s) => decideRecordFinding(s, finding))
        .thenThrows({ kind: 'conflict' });
    });

    it('given no case, when a finding is recorded, then it is not found', () => {
      fraudCase
        .given([])
        .when((s) => decideRecordFinding(s, finding))
        .thenThrows({ kind: 'not_found' });
    });

    it('given a claim this case already named, when named again, then it is a conflict naming R-FRAUD', () => {
      fraudCase
        .given(withFinding)
        .when((s) => decideRecordFinding(s, { ...finding, findingId: 'f-2', claims: [ref(1)] }))
        .thenThrows({ kind: 'conflict', rule: 'R-FRAUD' });
    });

    it('given a claim named twice in one finding, when recorded, then it is invalid', () => {
      fraudCase
        .given([opened(false)])
        .when((s) => decideRecordFinding(s, { ...finding, claims: [ref(1), ref(1)] }))
        .thenThrows({ kind: 'invalid' });
    });

    it('given no claim or an empty note, when recorded, then it is invalid; a date before the case is refused naming R-DATE', () => {
      const given = [opened(false)];
      fraudCase
        .given(given)
        .when((s) => decideRecordFinding(s, { ...finding, claims: [] }))
        .thenThrows({ kind: 'invalid' });
      fraudCase
        .given(given)
        .when((s) => decideRecordFinding(s, { ...finding, note: '' }))
        .thenThrows({ kind: 'invalid', details: { field: 'note' } });
      fraudCase
        .given(given)
        .when((s) => decideRecordFinding(s, { ...finding, foundOn: '2024-02-29' }))
        .thenThrows({
          kind: 'rule',
          rule: 'R-DATE',
          message: `a finding on 2024-02-29 cannot predate the opening of case ${CASE} (2024-03-01)`,
        });
    });

    it('given a closed case, when a finding is recorded, then it is a conflict', () => {
      const closed: CaseEvent = {
        type: 'CaseClosed',
        data: {
          processId: `${CASE}:closure`,
          caseId: CASE,
          enterpriseId: ENT,
          closedOn: '2024-03-05',
          closedBy: 'sue',
          outcome: 'dismissed',
          note: 'nothing found',
          liftsSuspension: false,
        },
      };
      fraudCase
        .given([opened(false), closed])
        .when((s) => decideRecordFinding(s, finding))
        .thenThrows({ kind: 'conflict' });
    });

    it('given the application steps done, when the finding completes, then FindingApplied sums what is due and cancelled', () => {
      fraudCase
        .given([opened(), suspensionApplied, findingRecorded])
        .when((s) => decideCompleteFinding(s, 'f-1', outcomes, []))
        .then([findingApplied]);
      fraudCase
        .given(withFinding)
        .when((s) => decideCompleteFinding(s, 'f-1', outcomes, []))
        .thenNothing();
    });

    it('given a claim another finding marked first, when the finding completes, then it adds nothing due', () => {
      const already: FalseClaimOutcome = {
        ...ref(2),
        status: 'alreadyFalse',
        foundFalseBy: { caseId: 'case-0', findingId: 'f-0' },
        tranches: [],
      };
      const [event] = decideCompleteFinding(
        foldCase([opened(), suspensionApplied, findingRecorded]),
        'f-1',
        [outcomes[0], already],
        [],
      );
      expect(
        event.type === 'FindingApplied' && [event.data.clawbackDueFen, event.data.cancelledFen],
      ).toEqual([500_000, 0]);
    });

    it('given a finding applied, when the state is folded, then three clawbacks of 2,500 yuan are due, oldest first as listed', () => {
      const state = foldCase(withFinding);
      expect(state.clawbacks.map((c) => [c.clawbackId, c.paidOn, c.amountFen])).toEqual([
        ['d-1:app-1.c1', '2023-04-10', 250_000],
        ['d-2:app-1.c1', '2023-10-10', 250_000],
        ['d-1:app-1.c2', '2023-04-10', 250_000],
      ]);
      expect(caseTotals(state)).toEqual({
        clawbackDueFen: 750_000,
        recoveredFen: 0,
        outstandingFen: 750_000,
      });
    });

    it('given outcomes, when claims with nothing paid are asked for, then only those are settled at once', () => {
      const onlyCancelled: FalseClaimOutcome = {
        ...outcomes[1],
        claimId: 'app-1.c3',
        tranches: [outcomes[1].tranches[1]],
      };
      expect(claimsSettledAtOnce([...outcomes, onlyCancelled])).toEqual(['app-1.c3']);
    });
  });

  describe('RecordRecovery', () => {
    it('given 7,500 yuan due, when 1,000 yuan comes back, then it repays the oldest payment and settles no claim', () => {
      fraudCase
        .given(withFinding)
        .when((s) => decideRecordRecovery(s, recovery('r-1', 100_000)))
        .then([
          {
            type: 'RecoveryRecorded',
            data: {
              processId: 'r-1',
              caseId: CASE,
              enterpriseId: ENT,
              ...recovery('r-1', 100_000),
              allocations: [
                {
                  clawbackId: 'd-1:app-1.c1',
                  claimId: 'app-1.c1',
                  disbursementId: 'd-1',
                  amountFen: 100_000,
                },
              ],
              settledClaims: [],
            },
          },
        ]);
    });

    it('given a partial recovery, when 6,500 yuan more comes back, then every clawback is repaid and both claims settle with their paid reservations', () => {
      const partial: CaseEvent = decideRecordRecovery(
        foldCase(withFinding),
        recovery('r-1', 100_000),
      )[0];
      const [full] = decideRecordRecovery(
        foldCase([...withFinding, partial]),
        recovery('r-2', 650_000),
      );
      expect(full.type === 'RecoveryRecorded' && full.data.settledClaims).toEqual([
        {
          claimId: 'app-1.c1',
          personKey: 'pk-1',
          reservationIds: ['app-1.t1:app-1.c1', 'app-1.t2:app-1.c1'],
        },
        { claimId: 'app-1.c2', personKey: 'pk-2', reservationIds: ['app-1.t1:app-1.c2'] },
      ]);
      const state = foldCase([...withFinding, partial, full]);
      expect(caseTotals(state)).toEqual({
        clawbackDueFen: 750_000,
        recoveredFen: 750_000,
        outstandingFen: 0,
      });
      expect(state.openProcesses.has('r-2')).toBe(true);
    });

    it('given c1 paid in two tranches, when only the first payment of c1 and c2 are repaid, then only c2 settles', () => {
      // Oldest first: d-1 (c1), d-1 (c2) are 2023-04-10; d-2 (c1) is 2023-10-10.
      const [event] = decideRecordRecovery(foldCase(withFinding), recovery('r-1', 500_000));
      expect(
        event.type === 'RecoveryRecorded' && event.data.settledClaims.map((c) => c.claimId),
      ).toEqual(['app-1.c2']);
    });

    it('given 7,500 yuan outstanding, when 7,500.01 yuan comes back, then it is refused naming R-FRAUD and nothing is written', () => {
      fraudCase
        .given(withFinding)
        .when((s) => decideRecordRecovery(s, recovery('r-1', 750_001)))
        .thenThrows({ kind: 'rule', rule: 'R-FRAUD', details: { outstandingFen: 750_000 } });
    });

    it('given a case with no finding, when money comes back, then it is refused naming R-FRAUD', () => {
      fraudCase
        .given([opened(false)])
        .when((s) => decideRecordRecovery(s, recovery('r-1', 1)))
        .thenThrows({ kind: 'rule', rule: 'R-FRAUD' });
    });

    it('given a bank reference already recorded on the case, when reused, then it is a conflict', () => {
      const first = decideRecordRecovery(foldCase(withFinding), recovery('r-1', 100))[0];
      fraudCase
        .given([...withFinding, first])
        .when((s) => decideRecordRecovery(s, { ...recovery('r-2', 100), bankRef: 'BACK-r-1' }))
        .thenThrows({ kind: 'conflict' });
    });

    it('given a recovery already recorded, when the same recovery id comes again, then nothing is written', () => {
      const first = decideRecordRecovery(foldCase(withFinding), recovery('r-1', 100))[0];
      fraudCase
        .given([...withFinding, first])
        .when((s) => decideRecordRecovery(s, recovery('r-1', 100)))
        .thenNothing();
    });

    it('given a finding still being applied, when money comes back, then it is a conflict (retry)', () => {
      fraudCase
        .given([opened(), suspensionApplied, findingRecorded])
        .when((s) => decideRecordRecovery(s, recovery('r-1', 100)))
        .thenThrows({ kind: 'conflict' });
    });

    it('given a settling recovery, when its releases are done, then RecoveryApplied ends it, once', () => {
      const full = decideRecordRecovery(foldCase(withFinding), recovery('r-1', 750_000))[0];
      const applied: CaseEvent = {
        type: 'RecoveryApplied',
        data: {
          processId: 'r-1',
          caseId: CASE,
          enterpriseId: ENT,
          recoveryId: 'r-1',
          releasedClaimIds: ['app-1.c1', 'app-1.c2'],
        },
      };
      fraudCase
        .given([...withFinding, full])
        .when((s) => decideCompleteRecovery(s, 'r-1', ['app-1.c1', 'app-1.c2']))
        .then([applied]);
      fraudCase
        .given([...withFinding, full, applied])
        .when((s) => decideCompleteRecovery(s, 'r-1', []))
        .thenNothing();
    });
  });

  describe('CloseCase', () => {
    const close = {
      closedOn: '2024-05-01',
      closedBy: 'sue',
      outcome: 'upheld' as const,
      note: 'false claims proven',
    };
    const closed = (liftsSuspension: boolean): CaseEvent => ({
      type: 'CaseClosed',
      data: {
        processId: `${CASE}:closure`,
        caseId: CASE,
        enterpriseId: ENT,
        ...close,
        liftsSuspension,
      },
    });

    it('given a suspending case with 7,500 yuan still due back, when closed upheld, then the suspension stays (R-FRAUD amended) and nothing is left to process', () => {
      fraudCase
        .given(withFinding)
        .when((s) => decideCloseCase(s, close))
        .then([closed(false)]);
      expect(foldCase([...withFinding, closed(false)]).openProcesses.size).toBe(0);
    });

    it('given a suspending case fully recovered, when closed upheld, then CaseClosed starts lifting the suspension', () => {
      const full = decideRecordRecovery(foldCase(withFinding), recovery('r-1', 750_000))[0];
      const applied = decideCompleteRecovery(foldCase([...withFinding, full]), 'r-1', [])[0];
      expect(full.type === 'RecoveryRecorded' && full.data.liftsSuspension).toBeUndefined();
      fraudCase
        .given([...withFinding, full, applied])
        .when((s) => decideCloseCase(s, close))
        .then([closed(true)]);
    });

    it('given a case that did not suspend, when closed, then there is nothing to lift', () => {
      fraudCase
        .given([opened(false)])
        .when((s) => decideCloseCase(s, { ...close, outcome: 'dismissed' }))
        .then([
          { ...closed(false), data: { ...closed(false).data, outcome: 'dismissed' } } as CaseEvent,
        ]);
    });

    it('given a case with a finding, when closed dismissed, then it is refused naming R-FRAUD', () => {
      fraudCase
        .given(withFinding)
        .when((s) => decideCloseCase(s, { ...close, outcome: 'dismissed' }))
        .thenThrows({ kind: 'rule', rule: 'R-FRAUD' });
    });

    it('given a closed case, when closed again, then it is a conflict', () => {
      fraudCase
        .given([...withFinding, closed(true)])
        .when((s) => decideCloseCase(s, close))
        .thenThrows({ kind: 'conflict' });
    });

    it('given a finding on 2024-03-10, when the case is closed on 2024-03-09, then it is invalid', () => {
      fraudCase
        .given(withFinding)
        .when((s) => decideCloseCase(s, { ...close, closedOn: '2024-03-09' }))
        .thenThrows({ kind: 'invalid', details: { field: 'closedOn' } });
    });

    it('given the suspension lifted on the enterprise, when the closure completes, then CaseSuspensionLifted ends it, once', () => {
      const lifted: CaseEvent = {
        type: 'CaseSuspensionLifted',
        data: {
          processId: `${CASE}:closure`,
          caseId: CASE,
          enterpriseId: ENT,
          liftedOn: '2024-05-01',
        },
      };
      fraudCase
        .given([...withFinding, closed(true)])
        .when(decideCompleteClosure)
        .then([lifted]);
      fraudCase
        .given([...withFinding, closed(true), lifted])
        .when(decideCompleteClosure)
        .thenNothing();
    });

    it('given a case closed with 7,500 yuan outstanding, when 1,000 yuan comes back, then the recovery is taken and the suspension stays', () => {
      const events = decideRecordRecovery(
        foldCase([...withFinding, closed(false)]),
        recovery('r-1', 100_000),
      );
      expect(events.map((e) => e.type)).toEqual(['RecoveryRecorded']);
      expect(events[0].type === 'RecoveryRecorded' && events[0].data.liftsSuspension).toBe(
        undefined,
      );
    });

    it('given a case closed with money outstanding, when the rest comes back, then that recovery lifts the suspension as a process that ends once', () => {
      const partial = decideRecordRecovery(
        foldCase([...withFinding, closed(false)]),
        recovery('r-1', 100_000),
      )[0];
      const history = [...withFinding, closed(false), partial];
      const [rest] = decideRecordRecovery(foldCase(history), recovery('r-2', 650_000));
      expect(rest.type === 'RecoveryRecorded' && rest.data.liftsSuspension).toBe(true);
      expect(foldCase([...history, rest]).openProcesses.has('r-2')).toBe(true);
      const [applied] = decideCompleteRecovery(
        foldCase([...history, rest]),
        'r-2',
        ['app-1.c1', 'app-1.c2'],
        true,
      );
      expect(applied).toEqual({
        type: 'RecoveryApplied',
        data: {
          processId: 'r-2',
          caseId: CASE,
          enterpriseId: ENT,
          recoveryId: 'r-2',
          releasedClaimIds: ['app-1.c1', 'app-1.c2'],
          suspensionLifted: true,
        },
      });
      const after = foldCase([...history, rest, applied]);
      expect([after.suspensionLifted, after.openProcesses.size]).toEqual([true, 0]);
    });

    it('given a case opened without suspension, when a finding is applied, then the case has suspended its party (R-FRAUD amended)', () => {
      const recorded = decideRecordFinding(foldCase([opened(false)]), finding);
      const [applied] = decideCompleteFinding(
        foldCase([opened(false), ...recorded]),
        'f-1',
        outcomes,
        [],
      );
      expect(applied.type === 'FindingApplied' && applied.data.suspended).toBe(true);
      const state = foldCase([opened(false), ...recorded, applied]);
      expect([state.suspensionApplied, state.suspensionLifted]).toEqual([true, false]);
      const [closing] = decideCloseCase(state, close);
      expect(closing.type === 'CaseClosed' && closing.data.liftsSuspension).toBe(false);
    });
  });
});
