import { makeCreditCode } from '../identity/test-ids';
import { spec } from '../testing/decider-specification';
import { evolvePerson, initialPersonState } from './person.decider';
import {
  decideReleaseInternshipReward,
  decideReserveInternshipReward,
  ReserveInternshipRewardCommand,
} from './internship-reward.decider';
import { PersonEvent } from './person.events';

const SCHOOL_A = makeCreditCode(7501);
const SCHOOL_B = makeCreditCode(7502);
const person = spec({ initial: initialPersonState, evolve: evolvePerson });
const fold = (events: PersonEvent[]) => events.reduce(evolvePerson, initialPersonState());

const reserve = (
  schoolId: string,
  applicationId: string,
  over: Partial<ReserveInternshipRewardCommand> = {},
): ReserveInternshipRewardCommand => ({
  personKey: 'pk-1',
  schoolId,
  applicationId,
  trancheId: `${applicationId}.i1`,
  internId: `${applicationId}.p1`,
  requestedFen: 100_000,
  decidedOn: '2024-01-20',
  ...over,
});
const reservedByA = decideReserveInternshipReward(initialPersonState(), reserve(SCHOOL_A, 'ia-a'));

describe('person stream: an internship reward once in total, whichever school lists the person (R-INT)', () => {
  it('given a person never rewarded, when school A reserves the reward, then PersonInternshipRewardReserved is written', () => {
    expect(reservedByA).toEqual([
      {
        type: 'PersonInternshipRewardReserved',
        data: {
          stepId: 'ia-a.i1:ia-a.p1',
          ...reserve(SCHOOL_A, 'ia-a'),
          amountFen: 100_000,
        },
      },
    ]);
  });

  it("given school A's reward, when school B's tranche lists the same person, then it is refused naming R-INT, without naming school A to school B", () => {
    const [refused] = decideReserveInternshipReward(fold(reservedByA), reserve(SCHOOL_B, 'ia-b'));
    expect(refused).toEqual({
      type: 'PersonInternshipRewardRefused',
      data: {
        stepId: 'ia-b.i1:ia-b.p1',
        ...reserve(SCHOOL_B, 'ia-b'),
        rule: 'R-INT',
        reason:
          'the person has already earned an internship reward, through another school (a person earns it once in total)',
        rewardedBy: { schoolId: SCHOOL_A, trancheId: 'ia-a.i1', internId: 'ia-a.p1' },
      },
    });
  });

  it("given school A's reward, when a later application of school A lists the person, then it is refused naming A's earlier tranche", () => {
    const [refused] = decideReserveInternshipReward(fold(reservedByA), reserve(SCHOOL_A, 'ia-a2'));
    expect(refused.type === 'PersonInternshipRewardRefused' && refused.data.reason).toBe(
      'the person has already earned an internship reward, in tranche ia-a.i1 of this school (a person earns it once in total)',
    );
  });

  it('given a step taken, when it is retried (reserved or refused), then nothing is written', () => {
    person
      .given(reservedByA)
      .when((s) => decideReserveInternshipReward(s, reserve(SCHOOL_A, 'ia-a')))
      .thenNothing();
    const refused = decideReserveInternshipReward(fold(reservedByA), reserve(SCHOOL_B, 'ia-b'));
    person
      .given([...reservedByA, ...refused])
      .when((s) => decideReserveInternshipReward(s, reserve(SCHOOL_B, 'ia-b')))
      .thenNothing();
  });

  it("given school A's reward released by an upheld objection, when school B lists the person, then B is rewarded", () => {
    const released = decideReleaseInternshipReward(fold(reservedByA), {
      personKey: 'pk-1',
      trancheId: 'ia-a.i1',
      internId: 'ia-a.p1',
      releasedOn: '2024-01-25',
      reason: 'objection upheld',
      cause: { kind: 'objection', id: 'o-1' },
    });
    expect(released).toEqual([
      {
        type: 'PersonInternshipRewardReleased',
        data: {
          stepId: 'ia-a.i1:ia-a.p1',
          personKey: 'pk-1',
          schoolId: SCHOOL_A,
          trancheId: 'ia-a.i1',
          internId: 'ia-a.p1',
          amountFen: 100_000,
          releasedOn: '2024-01-25',
          reason: 'objection upheld',
          cause: { kind: 'objection', id: 'o-1' },
        },
      },
    ]);
    const [again] = decideReserveInternshipReward(
      fold([...reservedByA, ...released]),
      reserve(SCHOOL_B, 'ia-b'),
    );
    expect(again.type).toBe('PersonInternshipRewardReserved');
  });

  it('given a reward held by another tranche, when a release names a tranche that does not hold it, then nothing is written', () => {
    person
      .given(reservedByA)
      .when((s) =>
        decideReleaseInternshipReward(s, {
          personKey: 'pk-1',
          trancheId: 'ia-b.i1',
          internId: 'ia-b.p1',
          releasedOn: '2024-01-25',
          reason: 'objection upheld',
          cause: { kind: 'objection', id: 'o-2' },
        }),
      )
      .thenNothing();
  });
});
