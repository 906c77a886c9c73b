import * as fc from 'fast-check';
import { makeCreditCode } from '../identity/test-ids';
import { LedgerError } from '../shared/ledger-error';
import { countCase, FUZZ, reportCases } from '../testing/fuzz';
import {
  caseTotals,
  CaseState,
  decideCompleteRecovery,
  decideRecordRecovery,
  evolveCase,
  foldCase,
  OpenCaseCommand,
  RecordFindingCommand,
} from './case.decider';
import { CaseEvent, FalseClaimOutcome, FalseClaimRef } from './case.events';

/**
 * Fuzz tier (issue #12): recoveries of a case's clawbacks (7,500 yuan due on
 * two false claims, as in the case decider spec) in random order, amounts,
 * dates and bank references, their completion steps in between. Nothing is
 * recovered twice or beyond what is due, per clawback or in total; one bank
 * reference counts once; amounts stay whole fen; every refusal is a
 * LedgerError; a replay of the stored events (JSON) gives the same state.
 */
const ENT = makeCreditCode(21);
const CASE = 'case-1';
const open: OpenCaseCommand = {
  caseId: CASE,
  enterpriseId: ENT,
  openedOn: '2024-03-01',
  openedBy: 'sue',
  reason: 'tip: two seats never staffed',
  suspend: true,
};
const opened = (suspend = true): CaseEvent => ({
  type: 'CaseOpened',
  data: {
    processId: CASE,
    caseId: CASE,
    enterpriseId: ENT,
    openedOn: open.openedOn,
    openedBy: open.openedBy,
    reason: open.reason,
    suspend,
  },
});
const suspensionApplied: CaseEvent = {
  type: 'CaseSuspensionApplied',
  data: { processId: CASE, caseId: CASE, enterpriseId: ENT, suspendedOn: '2024-03-01' },
};

const ref = (n: number): FalseClaimRef => ({
  claimId: `app-1.c${n}`,
  applicationId: 'app-1',
  personKey: `pk-${n}`,
  personIdMasked: `140202********00${n}X`,
});
const finding: RecordFindingCommand = {
  findingId: 'f-1',
  foundOn: '2024-03-10',
  note: 'wage statements forged',
  recordedBy: 'sue',
  claims: [ref(1), ref(2)],
};
const findingRecorded: CaseEvent = {
  type: 'FindingRecorded',
  data: { processId: 'f-1', caseId: CASE, enterpriseId: ENT, ...finding },
};
const payment = (k: number, claim: number, paidOn: string) => ({
  disbursementId: `d-${k}`,
  bankRef: `ICBC-${k}`,
  paidOn,
  amountFen: 250_000,
  clawbackId: `d-${k}:app-1.c${claim}`,
});
/** c1 paid in tranches 1 and 2; c2 paid in tranche 1, approved unpaid in tranche 3. */
const outcomes: FalseClaimOutcome[] = [
  {
    ...ref(1),
    status: 'found',
    foundFalseBy: { caseId: CASE, findingId: 'f-1' },
    tranches: [
      {
        trancheId: 'app-1.t1',
        reservationId: 'app-1.t1:app-1.c1',
        approvedFen: 250_000,
        cancelledFen: 0,
        payment: payment(1, 1, '2023-04-10'),
      },
      {
        trancheId: 'app-1.t2',
        reservationId: 'app-1.t2:app-1.c1',
        approvedFen: 250_000,
        cancelledFen: 0,
        payment: payment(2, 1, '2023-10-10'),
      },
    ],
  },
  {
    ...ref(2),
    status: 'found',
    foundFalseBy: { caseId: CASE, findingId: 'f-1' },
    tranches: [
      {
        trancheId: 'app-1.t1',
        reservationId: 'app-1.t1:app-1.c2',
        approvedFen: 250_000,
        cancelledFen: 0,
        payment: payment(1, 2, '2023-04-10'),
      },
      {
        trancheId: 'app-1.t3',
        reservationId: 'app-1.t3:app-1.c2',
        approvedFen: 250_000,
        cancelledFen: 250_000,
      },
    ],
  },
];
const findingApplied: CaseEvent = {
  type: 'FindingApplied',
  data: {
    processId: 'f-1',
    caseId: CASE,
    enterpriseId: ENT,
    findingId: 'f-1',
    foundOn: '2024-03-10',
    claims: outcomes,
    clawbackDueFen: 750_000,
    cancelledFen: 250_000,
    settledClaimIds: [],
    suspended: true,
  },
};
const withFinding = [opened(), suspensionApplied, findingRecorded, findingApplied];

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
