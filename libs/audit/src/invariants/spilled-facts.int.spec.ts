import { DEFAULT_POLICY_TABLE } from '@ledger/domain/policy/policy-table';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { SpillStore } from '../spill-map';
import { event } from '../testing/invariant-specification';
import { BankReferenceInvariant } from './bank-reference.invariant';
import type { Invariant } from './invariant';
import { policyLookup } from './ledger-invariants';
import { SeatsHeldInvariant } from './seats-held.invariant';
import { TrancheInvariant } from './tranche.invariant';

/**
 * Issue #16 (ADR 0020 §81): the tranche, seats-held and bank-reference
 * invariants keep their per-application, per-tranche, per-notice and
 * per-enterprise facts and the bank references in `SpillMap`s of
 * verification's spill store. With one entry in memory, every fact an event
 * needs was written to the spill file and is read back from it; the rules
 * must be broken exactly where they are with everything in memory.
 */
const P = 'datong-2022';

/** Application `a{i}`: reviewed, tranches 1 and 2 started, approved, published and paid. */
function applicationLife(i: number): RecordedEvent[][] {
  const a = `a${i}`;
  const pub = (k: number) => `pub${i}.${k}`;
  // Application 1's reviewer approves (R-SOD); 2 is paid twice with one
  // reference (R-PAY); 3 has an objection open when paid (R-PUB); 4 loses a
  // claim and is paid the old amount (R-PAY); 5's tranche 2 is late (R-SEAT-4);
  // 6 reuses application 0's bank reference (R-PAY); 7 upholds an objection.
  const steps: RecordedEvent[][] = [
    [event('SeatApplicationSubmitted', { applicationId: a, policyVersion: P })],
    [event('ApplicationReviewed', { applicationId: a, reviewedBy: `rita${i}` })],
  ];
  for (const k of [1, 2]) {
    const t = `${a}.t${k}`;
    const decidedOn = i === 5 && k === 2 ? '2025-03-11' : `2023-0${k + 2}-10`;
    const endsOn = `2023-0${k + 2}-17`;
    const amounts = [250_000, 250_000];
    steps.push([
      event('TrancheApprovalStarted', {
        applicationId: a,
        trancheId: t,
        tranche: k,
        decidedOn,
        approvedBy: i === 1 ? `rita${i}` : 'fay',
        policyVersion: P,
      }),
    ]);
    steps.push([
      event('TrancheApproved', {
        applicationId: a,
        trancheId: t,
        tranche: k,
        policyVersion: P,
        amountFen: 500_000,
        included: amounts.map((amountFen, c) => ({ claimId: `${a}.c${c + 1}`, amountFen })),
      }),
    ]);
    steps.push([
      event('PublicityOpened', {
        publicityId: pub(k),
        startsOn: `2023-0${k + 2}-11`,
        endsOn,
        policyVersion: P,
      }),
      event('TranchePublicized', { applicationId: a, trancheId: t, publicityId: pub(k), endsOn }),
    ]);
    const objection = `o${i}.${k}`;
    if (i === 3 || i === 7) {
      steps.push([event('ObjectionRaised', { publicityId: pub(k), objectionId: objection })]);
    }
    if (i === 7) {
      steps.push([
        event('ObjectionResolved', { publicityId: pub(k), objectionId: objection, upheld: true }),
      ]);
    }
    if (i === 4) {
      steps.push([event('ClaimWithdrawnFromTranche', { trancheId: t, amountFen: 250_000 })]);
    }
    const bankRef = i === 6 ? `B0.${k}` : `B${i}.${k}`;
    const payment = event('TrancheDisbursed', {
      trancheId: t,
      paidOn: `2023-0${k + 2}-20`,
      amountFen: 500_000,
      bankRef,
      paidBy: 'fay',
    });
    steps.push(i === 2 ? [payment, payment] : [payment]);
  }
  return steps;
}

/** Every application's steps taken in turns, so each fact waits behind the others' between touches. */
function interleaved(applications: number): RecordedEvent[] {
  const lives = Array.from({ length: applications }, (_, i) => applicationLife(i));
  const out: RecordedEvent[] = [];
  for (let step = 0; lives.some((l) => step < l.length); step++) {
    for (const life of lives) if (step < life.length) out.push(...life[step]);
  }
  return out;
}

function violations(invariant: Invariant, history: readonly RecordedEvent[]) {
  const found: { position: number; rule: string; message: string }[] = [];
  for (const e of history) {
    invariant.observe(e, (rule, message) => found.push({ position: e.position, rule, message }));
  }
  return found;
}

let store: SpillStore | undefined;
afterEach(() => store?.close());

/**
 * The invariant's violations over the history with everything in memory and
 * with one entry in memory (the rest in a spill file), and whether the
 * spilled run read facts back from the file.
 */
function bothWays(make: (spill?: SpillStore) => Invariant, history: readonly RecordedEvent[]) {
  store = new SpillStore(1);
  const taken = jest.spyOn(store, 'take');
  const inMemory = violations(make(), history);
  const fromSpill = violations(make(store), history);
  return { inMemory, fromSpill, readBack: taken.mock.results.some((r) => r.value !== undefined) };
}

describe('TrancheInvariant with its facts spilled (issue #16)', () => {
  it('given one fact in memory, when eight applications live their tranches in turns, then the facts go through the spill file and every rule is broken where it is in memory', () => {
    const policyOf = policyLookup(DEFAULT_POLICY_TABLE);
    let onDisk: TrancheInvariant | undefined;
    const { inMemory, fromSpill, readBack } = bothWays(
      (spill) =>
        spill ? (onDisk = new TrancheInvariant(policyOf, spill)) : new TrancheInvariant(policyOf),
      interleaved(8),
    );

    expect(fromSpill).toEqual(inMemory);
    expect(new Set(inMemory.map((v) => v.rule))).toEqual(
      new Set(['R-SOD', 'R-PAY', 'R-PUB', 'R-SEAT-4']),
    );
    expect(inMemory.map((v) => v.message)).toEqual(
      expect.arrayContaining([
        'rita1 reviewed application a1 and approved its tranche 1',
        'tranche a2.t1 is paid twice',
        'bank reference B2.1 is used by two payments',
        'tranche a3.t1 is paid while notice pub3.1 has an undecided objection',
        'payment of 500000 fen for tranche a4.t1, which pays 250000 fen',
        'tranche 2 of a5 is approved on 2025-03-11, after the window ends on 2025-03-10',
        'bank reference B0.1 is used by two payments',
        'tranche a7.t1 is paid although an objection to notice pub7.1 was upheld',
      ]),
    );
    // The facts were in the file and read back from it, not kept in the heap.
    expect(readBack).toBe(true);
    // 8 applications, 16 tranches, 16 notices, 14 bank references (application 6 reuses two).
    expect(onDisk?.entries).toBe(8 + 16 + 16 + 14);
  });
});

/** Enterprise `E{i}`, 3 seats (verified 2 for some), two applications of 2 claims each, in turns with the others. */
function seatHistory(enterprises: number): RecordedEvent[] {
  const on = (i: number, type: string, data: Record<string, unknown>) =>
    event(type, data, {}, `enterprise-E${i}`);
  const lives = Array.from({ length: enterprises }, (_, i) => {
    const application = (n: number, submittedOn: string) => [
      on(i, 'SeatApplicationRegistered', {
        applicationId: `E${i}.A${n}`,
        submittedOn,
        claimCount: 2,
        claimsAdmitted: 2,
      }),
      event('SeatApplicationChecked', {
        applicationId: `E${i}.A${n}`,
        results: [1, 2].map((c) => ({ claimId: `E${i}.A${n}.c${c}`, status: 'submitted' })),
      }),
    ];
    return [
      [on(i, 'EnterpriseRegistered', { enterpriseId: `E${i}`, seats: 3 })],
      // Even enterprises are found with 4 seats, odd ones with 2: the second application of an odd one holds too many.
      [
        on(i, 'SeatCountVerified', {
          enterpriseId: `E${i}`,
          verifiedOn: '2023-02-01',
          seats: i % 2 === 0 ? 4 : 2,
        }),
      ],
      application(1, '2023-03-01'),
      // Enterprise 3 releases a claim at review before its second application.
      i === 3
        ? [
            event('ApplicationReviewed', {
              applicationId: 'E3.A1',
              decisions: [{ claimId: 'E3.A1.c1', approve: false }],
            }),
          ]
        : [],
      application(2, '2023-03-05'),
    ];
  });
  const out: RecordedEvent[] = [];
  for (let step = 0; step < lives[0].length; step++) for (const l of lives) out.push(...l[step]);
  return out;
}

describe('SeatsHeldInvariant with its facts spilled (issue #16)', () => {
  it('given one fact in memory, when six enterprises register applications in turns, then R-SEAT-8 is broken where it is in memory', () => {
    const policyOf = policyLookup(DEFAULT_POLICY_TABLE);
    const { inMemory, fromSpill, readBack } = bothWays(
      (spill) => new SeatsHeldInvariant(policyOf, spill),
      seatHistory(6),
    );
    expect(fromSpill).toEqual(inMemory);
    expect(inMemory.map((v) => v.message)).toEqual([
      'enterprise E1 holds 4 open claims after application E1.A2 (2023-03-05), more than its 2 seats',
      'enterprise E3 holds 3 open claims after application E3.A2 (2023-03-05), more than its 2 seats',
      'enterprise E5 holds 4 open claims after application E5.A2 (2023-03-05), more than its 2 seats',
    ]);
    expect(readBack).toBe(true);
  });
});

describe('BankReferenceInvariant with its facts spilled (issue #16)', () => {
  it('given one fact in memory, when recoveries reuse references of payments made long before, then R-FRAUD is broken where it is in memory', () => {
    const history: RecordedEvent[] = [];
    for (let i = 0; i < 6; i++) {
      history.push(
        event('TrancheDisbursed', {
          trancheId: `a${i}.t1`,
          disbursementId: `d${i}`,
          bankRef: `PAY-${i}`,
        }),
      );
    }
    for (let i = 0; i < 6; i++) {
      const bankRef = i % 2 === 0 ? `PAY-${i}` : `BACK-${i}`;
      history.push(
        event('RecoveryRecorded', {
          caseId: `case${i}`,
          recoveryId: `r${i}`,
          bankRef,
          allocations: [],
        }),
      );
    }
    const { inMemory, fromSpill, readBack } = bothWays(
      (spill) => new BankReferenceInvariant(spill),
      history,
    );
    expect(fromSpill).toEqual(inMemory);
    expect(inMemory.map((v) => v.message)).toEqual(
      [0, 2, 4].map(
        (i) =>
          `bank reference PAY-${i} is counted by recovery r${i} of case case${i} and by payment d${i}: one transfer is counted once`,
      ),
    );
    expect(readBack).toBe(true);
  });
});
