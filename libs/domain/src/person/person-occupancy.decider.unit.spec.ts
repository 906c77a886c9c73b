import { spec } from '../testing/decider-specification';
import {
  decideClaimMonths,
  decideClaimOccupantMonths,
  decideReleaseOccupantMonths,
  evolvePerson,
  initialPersonState,
} from './person.decider';
import { PersonEvent } from './person.events';

const decider = spec({ initial: initialPersonState, evolve: evolvePerson });
const A = 'enterprise-A';
const B = 'enterprise-B';

const seatClaim = (
  enterpriseId: string,
  months: string[],
  claimId = `${enterpriseId}.c1`,
): PersonEvent => ({
  type: 'PersonMonthsClaimed',
  data: {
    stepId: `${claimId}:submit`,
    personKey: 'pk',
    personIdMasked: 'masked',
    claimId,
    applicationId: `${enterpriseId}-app`,
    enterpriseId,
    months,
    filedOn: '2023-03-01',
  },
});
const occupy = (enterpriseId: string, seatRef: string, months: string[], recognitionId = 'r1') => ({
  stepId: `${recognitionId}:occupy:${seatRef}:pk`,
  personKey: 'pk',
  personIdMasked: 'masked',
  occupancyId: `${recognitionId}:${seatRef}`,
  recognitionId,
  enterpriseId,
  seatRef,
  months,
  recognizedOn: '2024-01-10',
});
const occupied = (
  enterpriseId: string,
  seatRef: string,
  months: string[],
  recognitionId = 'r1',
): PersonEvent => ({
  type: 'OccupantMonthsClaimed',
  data: occupy(enterpriseId, seatRef, months, recognitionId),
});

describe('person decider: effective-seat months (R-EFF with R-SEAT-6)', () => {
  it("given A's seat-subsidy claim for 2023-01..02, when A puts the person in an effective seat for 2023-01..03, then the months are claimed (the same job)", () => {
    decider
      .given([seatClaim(A, ['2023-01', '2023-02'])])
      .when((s) =>
        decideClaimOccupantMonths(s, occupy(A, 'A-1', ['2023-01', '2023-02', '2023-03'])),
      )
      .then([occupied(A, 'A-1', ['2023-01', '2023-02', '2023-03'])]);
  });

  it("given B's seat-subsidy claim for 2023-02, when A puts the person in an effective seat for 2023-01..03, then it is refused naming R-SEAT-6 and B's claim", () => {
    decider
      .given([seatClaim(B, ['2023-02'])])
      .when((s) =>
        decideClaimOccupantMonths(s, occupy(A, 'A-1', ['2023-01', '2023-02', '2023-03'])),
      )
      .then([
        {
          type: 'OccupantMonthsRefused',
          data: {
            ...occupy(A, 'A-1', ['2023-01', '2023-02', '2023-03']),
            rule: 'R-SEAT-6',
            conflictsWith: [{ claimId: `${B}.c1`, enterpriseId: B, months: ['2023-02'] }],
          },
        },
      ]);
  });

  it('given the person in seat A-1, when A puts them in seat A-2 for an overlapping month, then it is refused naming R-EFF', () => {
    decider
      .given([occupied(A, 'A-1', ['2023-01', '2023-02'])])
      .when((s) => decideClaimOccupantMonths(s, occupy(A, 'A-2', ['2023-02', '2023-03'])))
      .then([
        {
          type: 'OccupantMonthsRefused',
          data: {
            ...occupy(A, 'A-2', ['2023-02', '2023-03']),
            rule: 'R-EFF',
            conflictsWith: [
              { claimId: 'r1:A-1', enterpriseId: A, seatRef: 'A-1', months: ['2023-02'] },
            ],
          },
        },
      ]);
  });

  it('given the person in seat A-1 of recognition r1, when a later roster r2 has them in A-1 again, then it is claimed', () => {
    decider
      .given([occupied(A, 'A-1', ['2023-01', '2023-02'])])
      .when((s) =>
        decideClaimOccupantMonths(s, occupy(A, 'A-1', ['2023-01', '2023-02', '2023-03'], 'r2')),
      )
      .then([occupied(A, 'A-1', ['2023-01', '2023-02', '2023-03'], 'r2')]);
  });

  it('given the person in an effective seat of A, when B claims a seat subsidy for an overlapping month, then R-SEAT-6 refuses it naming the seat', () => {
    decider
      .given([occupied(A, 'A-1', ['2023-01', '2023-02'])])
      .when((s) =>
        decideClaimMonths(s, {
          stepId: 'b:submit',
          personKey: 'pk',
          personIdMasked: 'masked',
          claimId: 'sb.c1',
          applicationId: 'sb',
          enterpriseId: B,
          months: ['2023-02'],
          filedOn: '2023-03-01',
        }),
      )
      .then([
        {
          type: 'DuplicateClaimRefused',
          data: {
            stepId: 'b:submit',
            personKey: 'pk',
            personIdMasked: 'masked',
            claimId: 'sb.c1',
            applicationId: 'sb',
            enterpriseId: B,
            months: ['2023-02'],
            filedOn: '2023-03-01',
            rule: 'R-SEAT-6',
            conflictsWith: [{ claimId: 'r1:A-1', enterpriseId: A, months: ['2023-02'] }],
          },
        },
      ]);
  });

  it('given the person in an effective seat of A, when A claims a seat subsidy for the months, then it is claimed', () => {
    decider
      .given([occupied(A, 'A-1', ['2023-01', '2023-02'])])
      .when((s) =>
        decideClaimMonths(s, {
          stepId: 'a:submit',
          personKey: 'pk',
          personIdMasked: 'masked',
          claimId: 'sa.c1',
          applicationId: 'sa',
          enterpriseId: A,
          months: ['2023-02'],
          filedOn: '2023-03-01',
        }),
      )
      .then([
        {
          type: 'PersonMonthsClaimed',
          data: {
            stepId: 'a:submit',
            personKey: 'pk',
            personIdMasked: 'masked',
            claimId: 'sa.c1',
            applicationId: 'sa',
            enterpriseId: A,
            months: ['2023-02'],
            filedOn: '2023-03-01',
          },
        },
      ]);
  });

  it('given occupant months of a refused seat, when released, then another seat may hold them; a retried release writes nothing', () => {
    const released: PersonEvent = {
      type: 'OccupantMonthsReleased',
      data: {
        stepId: 'r1:release:A-1:pk',
        personKey: 'pk',
        occupancyId: 'r1:A-1',
        reason: 'seat refused',
        releasedOn: '2024-01-10',
      },
    };
    decider
      .given([occupied(A, 'A-1', ['2023-01'])])
      .when((s) => decideReleaseOccupantMonths(s, released.data))
      .then([released]);
    decider
      .given([occupied(A, 'A-1', ['2023-01']), released])
      .when((s) => decideReleaseOccupantMonths(s, released.data))
      .thenNothing();
    decider
      .given([occupied(A, 'A-1', ['2023-01']), released])
      .when((s) => decideClaimOccupantMonths(s, occupy(B, 'B-1', ['2023-01'], 'r9')))
      .then([occupied(B, 'B-1', ['2023-01'], 'r9')]);
  });

  it('given an occupancy step already taken, when retried, then nothing is written', () => {
    decider
      .given([occupied(A, 'A-1', ['2023-01'])])
      .when((s) => decideClaimOccupantMonths(s, occupy(A, 'A-1', ['2023-01'])))
      .thenNothing();
  });

  it('given an occupancy released and taken again for other months, when another seat holds the released months, then they are free (the old holding is not revived)', () => {
    const released: PersonEvent = {
      type: 'OccupantMonthsReleased',
      data: {
        stepId: 'r1:release:A-1:pk',
        personKey: 'pk',
        occupancyId: 'r1:A-1',
        reason: 'seat refused',
        releasedOn: '2024-01-10',
      },
    };
    const retaken: PersonEvent = {
      type: 'OccupantMonthsClaimed',
      data: { ...occupy(A, 'A-1', ['2023-05']), stepId: 'r1:occupy-again:A-1:pk' },
    };
    decider
      .given([occupied(A, 'A-1', ['2023-01']), released, retaken])
      .when((s) => decideClaimOccupantMonths(s, occupy(B, 'B-1', ['2023-01'], 'r9')))
      .then([occupied(B, 'B-1', ['2023-01'], 'r9')]);
  });
});
