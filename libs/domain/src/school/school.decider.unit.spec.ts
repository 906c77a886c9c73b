import { oncePerPersonRule } from '../rules/internship-reward.rule';
import { spec } from '../testing/decider-specification';
import {
  decideRegisterSchool,
  decideReleaseReward,
  evolveSchool,
  initialSchoolState,
  SchoolEvent,
} from './school.decider';

const S = '12140200MB0000001X';
const decider = spec({ initial: initialSchoolState, evolve: evolveSchool });
const registered: SchoolEvent = {
  type: 'SchoolRegistered',
  data: { schoolId: S, name: '大同职业技术学院', registeredOn: '2023-01-05' },
};
/** What a tranche approved before the amended R-INT wrote on the school's stream. */
const legacyReserved = (
  trancheId: string,
  applicationId: string,
  persons: string[],
): SchoolEvent => ({
  type: 'InternshipRewardsReserved',
  data: {
    schoolId: S,
    applicationId,
    trancheId,
    decidedOn: '2024-03-15',
    reserved: persons.map((p, i) => ({
      internId: `${applicationId}.p${i + 1}`,
      personKey: p,
      amountFen: 100_000,
    })),
    refused: [],
  },
});
const fold = (events: SchoolEvent[]) => events.reduce(evolveSchool, initialSchoolState());

describe('school decider (R-INT records of tranches before the amendment)', () => {
  it('given no school, when registered, then SchoolRegistered; twice is 409', () => {
    decider
      .given([])
      .when((s) => decideRegisterSchool(s, registered.data))
      .then([registered]);
    decider
      .given([registered])
      .when((s) => decideRegisterSchool(s, registered.data))
      .thenThrows({ kind: 'conflict' });
  });

  it('given a stored record rewarding pk-1 by tranche ia-1.i1, when a later tranche of the school asks for pk-1, then the record refuses it naming R-INT; for ia-1.i1 itself it does not', () => {
    const state = fold([registered, legacyReserved('ia-1.i1', 'ia-1', ['pk-1'])]);
    expect(oncePerPersonRule(state.rewarded, 'pk-1', 'ia-2.i1')).toEqual({
      rule: 'R-INT',
      reason: 'the school was already rewarded for this person (ia-1.p1, tranche ia-1.i1)',
    });
    expect(oncePerPersonRule(state.rewarded, 'pk-1', 'ia-1.i1')).toBeUndefined();
    expect(oncePerPersonRule(state.rewarded, 'pk-2', 'ia-2.i1')).toBeUndefined();
  });

  it('given pk-1 released by an upheld objection, when a later tranche asks for pk-1, then the record no longer refuses it; a repeated release writes nothing', () => {
    const first = legacyReserved('ia-1.i1', 'ia-1', ['pk-1']);
    const release = {
      trancheId: 'ia-1.i1',
      internId: 'ia-1.p1',
      personKey: 'pk-1',
      releasedOn: '2024-03-20',
      reason: 'not a graduate of this school',
      cause: { kind: 'objection', id: 'o1' },
    };
    const released = decideReleaseReward(fold([registered, first]), release);
    expect(released).toEqual([
      { type: 'InternshipRewardReleased', data: { schoolId: S, ...release } },
    ]);
    const after = fold([registered, first, ...released]);
    expect(oncePerPersonRule(after.rewarded, 'pk-1', 'ia-2.i1')).toBeUndefined();
    decider
      .given([registered, first, ...released])
      .when((s) => decideReleaseReward(s, release))
      .thenNothing();
  });

  it('given a school with no stored record of the person, when a release names it, then nothing is written (later tranches release on the person stream)', () => {
    decider
      .given([registered])
      .when((s) =>
        decideReleaseReward(s, {
          trancheId: 'ia-3.i1',
          internId: 'ia-3.p1',
          personKey: 'pk-9',
          releasedOn: '2024-03-20',
          reason: 'objection',
          cause: { kind: 'objection', id: 'o2' },
        }),
      )
      .thenNothing();
  });
});
