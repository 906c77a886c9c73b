import * as fc from 'fast-check';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { LedgerError } from '../shared/ledger-error';
import { countCase, FUZZ, reportCases } from '../testing/fuzz';
import { decideRecordDisbursement } from './record-disbursement.decider';
import { SeatApplicationEvent } from './seat-application.events';
import {
  currentTrancheAmountFen,
  evolveSeatApplication,
  foldSeatApplication,
  SeatApplicationState,
} from './seat-application.state';
import {
  approvedApplication,
  cid,
  FINANCE,
  GOOD,
  LONG,
  notice,
  publicized,
  REVIEWER,
  tid,
  tranche,
  withdrawn,
} from './testing/seat-application.fixture';

/**
 * Fuzz tier (issue #12): payments of a seat application's tranches in random
 * order, with random amounts, dates, payers and withdrawals in between. A
 * tranche is paid once at most (R-PAY), for exactly what it owes then
 * (R-SEAT-4), in whole fen; every refusal is a LedgerError (never a crash);
 * and the state rebuilt from the stored events (JSON) equals the one decided on.
 */
const given: SeatApplicationEvent[] = [
  ...approvedApplication([LONG, LONG, LONG], 2),
  ...tranche(1, '2023-04-01', [1, 2, 3]),
  publicized(1, '2023-04-02', '2023-04-08'),
  ...tranche(2, '2023-06-01', [1, 2]),
  publicized(2, '2023-06-02', '2023-06-08'),
];
const notices = {
  [tid(1)]: notice(1, '2023-04-02', '2023-04-08'),
  [tid(2)]: notice(2, '2023-06-02', '2023-06-08'),
};

const day = fc
  .record({ month: fc.integer({ min: 3, max: 7 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ month, day }) => `2023-0${month}-${String(day).padStart(2, '0')}`);

const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      tranche: fc.integer({ min: 1, max: 3 }),
      disbursement: fc.integer({ min: 1, max: 4 }),
      paidOn: day,
      amountFen: fc.oneof(
        fc.constantFrom(750_000, 500_000, 250_000, 749_999, 750_001, 0),
        fc.integer({ min: 0, max: 2_000_000 }),
      ),
      bankRef: fc.constantFrom('ICBC-1', 'ICBC-2', 'BOC-9'),
      paidBy: fc.constantFrom(FINANCE, REVIEWER, 'fin-2'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      tranche: fc.integer({ min: 1, max: 2 }),
      claim: fc.integer({ min: 1, max: 3 }),
    }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function decide(state: SeatApplicationState, s: Step): SeatApplicationEvent[] {
  if (s.kind === 'withdraw') {
    const t = state.tranches.get(tid(s.tranche));
    const included = t?.included.some((c) => c.claimId === cid(s.claim));
    // Only an unpaid tranche's claims are withdrawn (an upheld objection), once each.
    if (!t || t.disbursement || !included || t.withdrawn.has(cid(s.claim))) return [];
    return [withdrawn(s.tranche, s.claim)];
  }
  const trancheId = tid(s.tranche);
  return decideRecordDisbursement(
    state,
    {
      disbursementId: `disb-${s.disbursement}`,
      trancheId,
      paidOn: s.paidOn,
      amountFen: s.amountFen,
      bankRef: s.bankRef,
      paidBy: s.paidBy,
    },
    notices[trancheId],
    DATONG_2022,
    GOOD,
  );
}

const snapshot = (state: SeatApplicationState): unknown =>
  JSON.parse(
    JSON.stringify(state, (_key, value: unknown) =>
      value instanceof Map
        ? [...value.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)))
        : value instanceof Set
          ? [...value].sort()
          : value,
    ),
  );

describe('fuzz: paying seat-application tranches (R-PAY, R-SEAT-4)', () => {
  afterAll(reportCases);

  it('given random payments and withdrawals, then each tranche is paid once at most, for what it owes, in whole fen, and a replay gives the same state', () => {
    let payments = 0;
    let refusals = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30, size: 'medium' }), (steps) => {
        countCase('seat-application payment sequences');
        let state = foldSeatApplication(given);
        const stored: SeatApplicationEvent[] = [...given];
        for (const s of steps) {
          let events: SeatApplicationEvent[];
          try {
            events = decide(state, s);
          } catch (error) {
            expect(error).toBeInstanceOf(LedgerError);
            refusals += 1;
            continue;
          }
          for (const event of events) {
            if (event.type === 'TrancheDisbursed') {
              const t = state.tranches.get(event.data.trancheId);
              expect(t?.disbursement).toBeUndefined();
              expect(event.data.amountFen).toBe(currentTrancheAmountFen(t!));
              expect(Number.isSafeInteger(event.data.amountFen)).toBe(true);
              expect(event.data.paidBy).not.toBe(REVIEWER);
            }
            state = evolveSeatApplication(state, event);
            stored.push(JSON.parse(JSON.stringify(event)) as SeatApplicationEvent);
          }
        }
        const paid = stored.filter((e) => e.type === 'TrancheDisbursed');
        payments += paid.length;
        const perTranche = new Set(paid.map((e) => e.data.trancheId));
        expect(perTranche.size).toBe(paid.length);
        expect(snapshot(foldSeatApplication(stored))).toEqual(snapshot(state));
      }),
      FUZZ.deciderRuns,
    );
    // The sequences reach both outcomes: a property over refusals alone would prove nothing.
    expect(payments).toBeGreaterThan(0);
    expect(refusals).toBeGreaterThan(payments);
  });
});
