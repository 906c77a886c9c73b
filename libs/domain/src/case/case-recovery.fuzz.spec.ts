import * as fc from 'fast-check';
import { LedgerError } from '../shared/ledger-error';
import { countCase, FUZZ, reportCases } from '../testing/fuzz';
import {
  caseTotals,
  CaseState,
  decideCompleteRecovery,
  decideRecordRecovery,
  evolveCase,
  foldCase,
} from './case.decider';
import { CaseEvent } from './case.events';
import { withFinding } from './testing/two-false-claims.fixture';

/**
 * Fuzz tier (issue #12): recoveries of a case's clawbacks (7,500 yuan due on
 * two false claims, as in the case decider spec) in random order, amounts,
 * dates and bank references, their completion steps in between. Nothing is
 * recovered twice or beyond what is due, per clawback or in total; one bank
 * reference counts once; amounts stay whole fen; every refusal is a
 * LedgerError; a replay of the stored events (JSON) gives the same state.
 */

const day = fc
  .record({ month: fc.integer({ min: 2, max: 6 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ month, day }) => `2024-0${month}-${String(day).padStart(2, '0')}`);

const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('recover' as const),
      recovery: fc.integer({ min: 1, max: 6 }),
      receivedOn: day,
      amountFen: fc.oneof(
        fc.constantFrom(250_000, 500_000, 750_000, 750_001, 1, 0),
        fc.integer({ min: 0, max: 900_000 }),
      ),
      bankRef: fc.constantFrom('BACK-1', 'BACK-2', 'BACK-3', 'BACK-4'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('complete' as const),
      recovery: fc.integer({ min: 1, max: 6 }),
    }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function decide(state: CaseState, s: Step): CaseEvent[] {
  if (s.kind === 'complete') {
    const recovered = [...state.openProcesses.keys()].includes(`r-${s.recovery}`);
    return recovered ? decideCompleteRecovery(state, `r-${s.recovery}`, []) : [];
  }
  return decideRecordRecovery(state, {
    recoveryId: `r-${s.recovery}`,
    receivedOn: s.receivedOn,
    amountFen: s.amountFen,
    bankRef: s.bankRef,
    recordedBy: 'fay',
  });
}

const snapshot = (state: CaseState): unknown =>
  JSON.parse(
    JSON.stringify(state, (_key, value: unknown) =>
      value instanceof Map
        ? [...value.entries()].sort(([x], [y]) => String(x).localeCompare(String(y)))
        : value instanceof Set
          ? [...value].sort()
          : value,
    ),
  );

describe('fuzz: recoveries of a case (R-FRAUD)', () => {
  afterAll(reportCases);

  it('given random recoveries and completions, then nothing is recovered twice or beyond what is due, a bank reference counts once, whole fen, and a replay gives the same state', () => {
    let recorded = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 20, size: 'medium' }), (steps) => {
        countCase('case recovery sequences');
        let state = foldCase(withFinding);
        const stored: CaseEvent[] = [...withFinding];
        for (const s of steps) {
          let events: CaseEvent[];
          try {
            events = decide(state, s);
          } catch (error) {
            expect(error).toBeInstanceOf(LedgerError);
            refused += 1;
            continue;
          }
          for (const event of events) {
            state = evolveCase(state, event);
            stored.push(JSON.parse(JSON.stringify(event)) as CaseEvent);
          }
          const totals = caseTotals(state);
          expect(totals.clawbackDueFen).toBe(750_000);
          expect(Number.isSafeInteger(totals.recoveredFen)).toBe(true);
          expect(totals.outstandingFen).toBeGreaterThanOrEqual(0);
          for (const c of state.clawbacks) {
            expect(c.recoveredFen).toBeGreaterThanOrEqual(0);
            expect(c.recoveredFen).toBeLessThanOrEqual(c.amountFen);
          }
        }
        const recoveries = stored.filter((e) => e.type === 'RecoveryRecorded');
        recorded += recoveries.length;
        const refs = recoveries.map((e) => e.data.bankRef);
        expect(new Set(refs).size).toBe(refs.length);
        const ids = recoveries.map((e) => e.data.recoveryId);
        expect(new Set(ids).size).toBe(ids.length);
        const sum = recoveries.reduce((total, e) => total + e.data.amountFen, 0);
        expect(sum).toBe(caseTotals(state).recoveredFen);
        expect(snapshot(foldCase(stored))).toEqual(snapshot(state));
      }),
      FUZZ.deciderRuns,
    );
    // Both outcomes are reached: a property over refusals alone would prove nothing.
    expect(recorded).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
