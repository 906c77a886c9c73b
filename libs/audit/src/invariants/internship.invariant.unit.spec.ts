import { DEFAULT_POLICY_TABLE } from '@ledger/domain/policy/policy-table';
import { event, invariantSpecification } from '../testing/invariant-specification';
import { InternshipInvariant } from './internship.invariant';
import { policyLookup } from './ledger-invariants';

const spec = invariantSpecification(
  () => new InternshipInvariant(policyLookup(DEFAULT_POLICY_TABLE)),
);

const started = (app: string, candidates: [string, string, number][]) =>
  event('InternshipTrancheApprovalStarted', {
    applicationId: app,
    schoolId: `school-of-${app}`,
    trancheId: `${app}.i1`,
    decidedOn: '2024-01-20',
    policyVersion: 'datong-2022',
    candidates: candidates.map(([personKey, level, requestedFen], i) => ({
      internId: `${app}.p${i + 1}`,
      personKey,
      level,
      requestedFen,
    })),
  });
const approved = (app: string, included: [string, number][], amountFen?: number) =>
  event('InternshipTrancheApproved', {
    applicationId: app,
    schoolId: `school-of-${app}`,
    trancheId: `${app}.i1`,
    policyVersion: 'datong-2022',
    amountFen: amountFen ?? included.reduce((sum, [, fen]) => sum + fen, 0),
    included: included.map(([personKey, fen], i) => ({
      internId: `${app}.p${i + 1}`,
      personKey,
      amountFen: fen,
    })),
    refused: [],
  });

describe('internship rewards over the history (InternshipInvariant)', () => {
  it('given the 2022 policy, when a higher-vocational candidate is asked 800 yuan, then R-INT (1,000 for that level)', () => {
    spec
      .given()
      .when(started('ia-1', [['pk-1', 'higher', 80_000]]))
      .thenViolates('R-INT', /asks 80000 fen for ia-1\.p1 \(higher\); the policy pays 100000/);
  });

  it('given a started tranche, when it approves a person more than asked or a total that is not the sum, then R-INT', () => {
    const given = started('ia-1', [
      ['pk-1', 'higher', 100_000],
      ['pk-2', 'secondary', 80_000],
    ]);
    spec
      .given(given)
      .when(
        approved('ia-1', [
          ['pk-1', 100_000],
          ['pk-2', 80_000],
        ]),
      )
      .thenHolds();
    spec
      .given(given)
      .when(
        approved('ia-1', [
          ['pk-1', 100_000],
          ['pk-2', 100_000],
        ]),
      )
      .thenViolates('R-INT', /ia-1\.p2 100000 fen; its level pays 80000/);
    spec
      .given(given)
      .when(approved('ia-1', [['pk-1', 100_000]], 180_000))
      .thenViolates('R-INT', /approves 180000 fen; its persons add up to 100000/);
  });

  it('given a person rewarded through school A, when school B is approved a reward for the same person, then R-INT (once in total)', () => {
    spec
      .given(
        started('ia-a', [['pk-1', 'higher', 100_000]]),
        approved('ia-a', [['pk-1', 100_000]]),
        started('ia-b', [['pk-1', 'higher', 100_000]]),
      )
      .when(approved('ia-b', [['pk-1', 100_000]]))
      .thenViolates('R-INT', /person pk-1 is rewarded by ia-b\.i1 .* already rewarded by ia-a\.i1/);
  });

  it('given the reward through school A withdrawn by an upheld objection, when school B rewards the person, then it holds', () => {
    spec
      .given(
        started('ia-a', [['pk-1', 'higher', 100_000]]),
        approved('ia-a', [['pk-1', 100_000]]),
        event('InternWithdrawnFromTranche', {
          applicationId: 'ia-a',
          trancheId: 'ia-a.i1',
          internId: 'ia-a.p1',
          personKey: 'pk-1',
          amountFen: 100_000,
        }),
        started('ia-b', [['pk-1', 'higher', 100_000]]),
      )
      .when(approved('ia-b', [['pk-1', 100_000]]))
      .thenHolds();
  });

  it('given a tranche found false before payment (R-FRAUD), when another school rewards the person, then it holds; found false after payment, it is reported', () => {
    const foundFalse = (clawback?: object) =>
      event('InternshipTrancheFoundFalse', {
        applicationId: 'ia-a',
        trancheId: 'ia-a.i1',
        cancelledFen: clawback ? 0 : 100_000,
        ...(clawback ? { clawback } : {}),
      });
    const history = (clawback?: object) => [
      started('ia-a', [['pk-1', 'higher', 100_000]]),
      approved('ia-a', [['pk-1', 100_000]]),
      foundFalse(clawback),
      started('ia-b', [['pk-1', 'higher', 100_000]]),
    ];
    spec
      .given(...history())
      .when(approved('ia-b', [['pk-1', 100_000]]))
      .thenHolds();
    spec
      .given(...history({ clawbackId: 'd-1:ia-a.i1', amountFen: 100_000 }))
      .when(approved('ia-b', [['pk-1', 100_000]]))
      .thenViolates('R-INT', /already rewarded by ia-a\.i1/);
  });
});
