import { spec } from '../testing/decider-specification';
import {
  decideRegisterSchool,
  decideReleaseReward,
  decideReserveRewards,
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
const reserve = (trancheId: string, applicationId: string, persons: string[]) => ({
  applicationId,
  trancheId,
  decidedOn: '2024-03-15',
  candidates: persons.map((p, i) => ({
    internId: `${applicationId}.p${i + 1}`,
    personKey: p,
    requestedFen: 100_000,
  })),
});

describe('school decider (R-INT once per person per school)', () => {
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

  it('given a school rewarded for pk-1 by tranche ia-1.i1, when tranche ia-2.i1 asks for pk-1 and pk-2, then pk-2 is reserved and pk-1 refused naming R-INT', () => {
    const first = decideReserveRewards(
      [registered].reduce(evolveSchool, initialSchoolState()),
      reserve('ia-1.i1', 'ia-1', ['pk-1']),
    );
    decider
      .given([registered, ...first])
      .when((s) => decideReserveRewards(s, reserve('ia-2.i1', 'ia-2', ['pk-1', 'pk-2'])))
      .then([
        {
          type: 'InternshipRewardsReserved',
          data: {
            schoolId: S,
            applicationId: 'ia-2',
            trancheId: 'ia-2.i1',
            decidedOn: '2024-03-15',
            reserved: [{ internId: 'ia-2.p2', personKey: 'pk-2', amountFen: 100_000 }],
            refused: [
              {
                internId: 'ia-2.p1',
                personKey: 'pk-1',
                rule: 'R-INT',
                reason:
                  'the school was already rewarded for this person (ia-1.p1, tranche ia-1.i1)',
              },
            ],
          },
        },
      ]);
  });

  it('given a tranche already reserved, when reserved again (a retry), then nothing is written', () => {
    const first = decideReserveRewards(
      [registered].reduce(evolveSchool, initialSchoolState()),
      reserve('ia-1.i1', 'ia-1', ['pk-1']),
    );
    decider
      .given([registered, ...first])
      .when((s) => decideReserveRewards(s, reserve('ia-1.i1', 'ia-1', ['pk-1'])))
      .thenNothing();
  });

  it('given pk-1 released by an upheld objection, when a later tranche asks for pk-1, then it is reserved', () => {
    const first = decideReserveRewards(
      [registered].reduce(evolveSchool, initialSchoolState()),
      reserve('ia-1.i1', 'ia-1', ['pk-1']),
    );
    const release = {
      trancheId: 'ia-1.i1',
      internId: 'ia-1.p1',
      personKey: 'pk-1',
      releasedOn: '2024-03-20',
      reason: 'not a graduate of this school',
      cause: { kind: 'objection', id: 'o1' },
    };
    const released = decideReleaseReward(
      [registered, ...first].reduce(evolveSchool, initialSchoolState()),
      release,
    );
    expect(released).toHaveLength(1);
    const [again] = decideReserveRewards(
      [registered, ...first, ...released].reduce(evolveSchool, initialSchoolState()),
      reserve('ia-2.i1', 'ia-2', ['pk-1']),
    );
    expect(again.type === 'InternshipRewardsReserved' && again.data.reserved).toHaveLength(1);
    decider
      .given([registered, ...first, ...released])
      .when((s) => decideReleaseReward(s, release))
      .thenNothing();
  });
});
