import * as fc from 'fast-check';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { countCase, FUZZ, reportCases } from '../testing/fuzz';
import {
  decideReleaseInternshipReward,
  decideReserveInternshipReward,
} from './internship-reward.decider';
import {
  decideClaimMonths,
  decideReleaseCap,
  decideReleaseMonths,
  decideReserveCap,
  evolvePerson,
  initialPersonState,
  PersonState,
} from './person.decider';
import { PersonEvent } from './person.events';

/**
 * Fuzz tier (issue #12): random command sequences on one person's stream, the
 * stream every cross-employer rule is decided on. After every step:
 * R-SEAT-5 (what is reserved never passes the cap, and is the sum of the live
 * reservations), R-SEAT-6 (no month held by two live claims), R-INT (one
 * internship reward at most), amounts whole fen; and the state rebuilt from
 * the stored events (JSON, as the store keeps them) equals the state decided on.
 */
const CAP_FEN = DATONG_2022.seat.personCapFen;
const enterprises = ['E1', 'E2', 'E3'];
const month = fc.integer({ min: 1, max: 4 }).map((m) => `2023-0${m}`);
const claimNo = fc.integer({ min: 1, max: 4 });

const command = fc.oneof(
  fc.record({
    kind: fc.constant('claim' as const),
    claim: claimNo,
    enterprise: fc.constantFrom(...enterprises),
    months: fc.uniqueArray(month, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('releaseMonths' as const),
    claim: claimNo,
  }),
  fc.record({
    kind: fc.constant('reserve' as const),
    tranche: fc.integer({ min: 1, max: 12 }),
    claim: claimNo,
    requestedFen: fc.oneof(
      fc.integer({ min: 0, max: 600_000 }),
      fc.constantFrom(250_000, CAP_FEN, CAP_FEN + 1, 1),
    ),
  }),
  fc.record({
    kind: fc.constant('releaseCap' as const),
    tranche: fc.integer({ min: 1, max: 12 }),
    claim: claimNo,
  }),
  fc.record({
    kind: fc.constant('reward' as const),
    tranche: fc.integer({ min: 1, max: 4 }),
    school: fc.constantFrom('S1', 'S2'),
    requestedFen: fc.integer({ min: 0, max: 300_000 }),
  }),
  fc.record({
    kind: fc.constant('releaseReward' as const),
    tranche: fc.integer({ min: 1, max: 4 }),
  }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const personKey = 'pk-fuzz';
/** The claim's enterprise is fixed by its id, as in the ledger (`{application}.c{n}`). */
const claimId = (n: number) => `app-${n}.c1`;
const enterpriseOfClaim = (n: number, proposed: string) =>
  n % 2 === 0 ? proposed : enterprises[n % enterprises.length];

/** `step`: the command's place in the sequence (each step its own id; a retry reuses it). */
function decide(state: PersonState, c: Command, step: number): PersonEvent[] {
  switch (c.kind) {
    case 'claim':
      return decideClaimMonths(state, {
        stepId: `claim-${step}`,
        personKey,
        personIdMasked: '140202********1234',
        claimId: claimId(c.claim),
        applicationId: `app-${c.claim}`,
        enterpriseId: enterpriseOfClaim(c.claim, c.enterprise),
        months: c.months,
        filedOn: '2023-09-01',
      });
    case 'releaseMonths':
      return decideReleaseMonths(state, {
        stepId: `release-${step}`,
        personKey,
        claimId: claimId(c.claim),
        reason: 'rejected at review',
        releasedOn: '2023-09-02',
      });
    case 'reserve':
      return decideReserveCap(
        state,
        {
          reservationId: `app-${c.claim}.t${c.tranche}:${claimId(c.claim)}`,
          personKey,
          trancheId: `app-${c.claim}.t${c.tranche}`,
          claimId: claimId(c.claim),
          applicationId: `app-${c.claim}`,
          enterpriseId: enterpriseOfClaim(c.claim, 'E1'),
          requestedFen: c.requestedFen,
          decidedOn: '2023-09-03',
        },
        DATONG_2022,
      );
    case 'releaseCap':
      return decideReleaseCap(state, {
        reservationId: `app-${c.claim}.t${c.tranche}:${claimId(c.claim)}`,
        personKey,
        releasedOn: '2023-09-04',
        reason: 'clawed back',
        cause: { kind: 'case', id: 'case-1' },
      });
    case 'reward':
      return decideReserveInternshipReward(state, {
        personKey,
        schoolId: c.school,
        applicationId: `int-${c.school}`,
        trancheId: `int-${c.school}.t${c.tranche}`,
        internId: 'i1',
        requestedFen: c.requestedFen,
        decidedOn: '2023-09-05',
      });
    case 'releaseReward':
      return decideReleaseInternshipReward(state, {
        personKey,
        trancheId: `int-S1.t${c.tranche}`,
        internId: 'i1',
        releasedOn: '2023-09-06',
        reason: 'objection upheld',
        cause: { kind: 'objection', id: 'o-1' },
      });
  }
}

/** Everything comparable, Maps as sorted entries. */
const snapshot = (state: PersonState): unknown =>
  JSON.parse(
    JSON.stringify(state, (_key, value: unknown) =>
      value instanceof Map
        ? [...value.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)))
        : value,
    ),
  );

function checkInvariants(state: PersonState, events: readonly PersonEvent[]): void {
  const live = [...state.reservations.values()].filter((r) => !r.released);
  const liveFen = live.reduce((sum, r) => sum + r.amountFen, 0);
  expect(Number.isSafeInteger(state.usedFen)).toBe(true);
  expect(state.usedFen).toBeGreaterThanOrEqual(0);
  expect(state.usedFen).toBeLessThanOrEqual(CAP_FEN);
  expect(state.usedFen).toBe(liveFen);
  for (const r of state.reservations.values()) {
    expect(Number.isSafeInteger(r.amountFen) && r.amountFen >= 0).toBe(true);
  }
  const holders = new Map<string, string>();
  for (const claim of state.claims.values()) {
    if (claim.released) continue;
    for (const m of claim.months) {
      expect(holders.get(m) ?? claim.claimId).toBe(claim.claimId);
      holders.set(m, claim.claimId);
    }
  }
  const rewards = events.filter((e) => e.type === 'PersonInternshipRewardReserved').length;
  const released = events.filter((e) => e.type === 'PersonInternshipRewardReleased').length;
  expect(rewards - released).toBe(state.internshipReward ? 1 : 0);
}

describe('fuzz: the person stream (R-SEAT-5, R-SEAT-6, R-INT)', () => {
  afterAll(reportCases);

  it('given random command sequences, then the cap holds, no month is held twice, one reward at most, and a replay of the stored events gives the same state', () => {
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 1, maxLength: 60, size: 'medium' }),
        (commands) => {
          countCase('person command sequences');
          let state = initialPersonState();
          const stored: PersonEvent[] = [];
          for (const [step, c] of commands.entries()) {
            const events = decide(state, c, step);
            for (const event of events) {
              state = evolvePerson(state, event);
              stored.push(JSON.parse(JSON.stringify(event)) as PersonEvent);
            }
            // A retried command (same step or reservation) writes nothing more.
            const again = decide(state, c, step);
            if (c.kind !== 'releaseMonths' && c.kind !== 'releaseCap' && c.kind !== 'releaseReward')
              expect(again).toEqual([]);
            checkInvariants(state, stored);
          }
          expect(snapshot(stored.reduce(evolvePerson, initialPersonState()))).toEqual(
            snapshot(state),
          );
        },
      ),
      FUZZ.deciderRuns,
    );
  });

  it('given the cap nearly used, when many reservations race in any order, then exactly the cap is reserved', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 5, maxLength: 40 }),
        (requests) => {
          countCase('person command sequences');
          let state = initialPersonState();
          requests.forEach((requestedFen, i) => {
            for (const e of decide(
              state,
              { kind: 'reserve', tranche: i + 1, claim: 1, requestedFen },
              i,
            ))
              state = evolvePerson(state, e);
          });
          const asked = requests.reduce((a, b) => a + b, 0);
          expect(state.usedFen).toBe(Math.min(asked, CAP_FEN));
        },
      ),
      FUZZ.deciderRuns,
    );
  });
});
