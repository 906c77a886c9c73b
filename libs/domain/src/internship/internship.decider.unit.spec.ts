import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { evolveSchool, initialSchoolState, SchoolState } from '../school/school.decider';
import { spec } from '../testing/decider-specification';
import {
  checkInternshipDisbursement,
  decideCompleteInternshipTranche,
  decidePublicizeInternshipTranche,
  decideRecordInternshipDisbursement,
  decideStartInternshipTranche,
  decideSubmitInternshipApplication,
  decideWithdrawIntern,
  evolveInternship,
  foldInternship,
  initialInternshipState,
  SubmitInternshipApplicationCommand,
} from './internship.decider';

const S = makeCreditCode(7201);
const E = makeCreditCode(7202);
const decider = spec({ initial: initialInternshipState, evolve: evolveInternship });
/** R-INT: the registered enterprises the interns' employers are checked against. */
const employers: ReadonlySet<string> = new Set([E]);
const school: SchoolState = [
  {
    type: 'SchoolRegistered' as const,
    data: { schoolId: S, name: '大同职业技术学院', registeredOn: '2023-01-05' },
  },
].reduce(evolveSchool, initialSchoolState());

const run = (from: string, count: number): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
};
/** `sent` interns, the first `retained` with 6 consecutive months, the rest with 5. */
const interns = (sent: number, retained: number) =>
  Array.from({ length: sent }, (_, i) => ({
    personKey: `pk-${i}`,
    personId: `id-${i}`,
    personIdMasked: `masked-${i}`,
    name: `intern ${i}`,
    level: (i % 2 === 0 ? 'higher' : 'secondary') as 'higher' | 'secondary',
    enterpriseId: E,
    employedMonths: run('2023-07', i < retained ? 6 : 5),
  }));
const submit = (sent: number, retained: number): SubmitInternshipApplicationCommand => ({
  applicationId: 'ia-1',
  schoolId: S,
  year: 2023,
  submittedOn: '2024-01-15',
  submittedBy: 'school-clerk',
  submittedByReviewer: false,
  agreementRef: 'AGR-1',
  trainingBaseRef: 'BASE-1',
  interns: interns(sent, retained),
});

describe('internship decider: submission (R-INT)', () => {
  it('given 49 interns, when applied for, then 422 R-INT naming the count', () => {
    decider
      .given([])
      .when((s) =>
        decideSubmitInternshipApplication(s, school, submit(49, 49), DATONG_2022, employers),
      )
      .thenThrows({ kind: 'rule', rule: 'R-INT', details: { internsSent: 49, retained: 49 } });
  });

  it('given 50 interns with exactly 25 retained, when applied for, then it is recorded with 5000 basis points', () => {
    const [event] = decideSubmitInternshipApplication(
      initialInternshipState(),
      school,
      submit(50, 25),
      DATONG_2022,
      employers,
    );
    expect(event.data).toMatchObject({
      internsSent: 50,
      retained: 25,
      retentionBasisPoints: 5_000,
      policyVersion: 'datong-2022',
    });
    const data = event.type === 'InternshipApplicationSubmitted' ? event.data : undefined;
    expect(data?.interns[0]).toMatchObject({
      internId: 'ia-1.p1',
      longestRunMonths: 6,
      retained: true,
    });
    expect(data?.interns[49]).toMatchObject({
      internId: 'ia-1.p50',
      longestRunMonths: 5,
      retained: false,
    });
  });

  it('given 50 interns with 24 retained, when applied for, then 422 R-INT', () => {
    decider
      .given([])
      .when((s) =>
        decideSubmitInternshipApplication(s, school, submit(50, 24), DATONG_2022, employers),
      )
      .thenThrows({ kind: 'rule', rule: 'R-INT' });
  });

  it('given a person listed twice, when applied for, then 400 naming the field', () => {
    const cmd = submit(50, 25);
    cmd.interns[7] = { ...cmd.interns[7], personKey: 'pk-3' };
    decider
      .given([])
      .when((s) => decideSubmitInternshipApplication(s, school, cmd, DATONG_2022, employers))
      .thenThrows({ kind: 'invalid', details: { field: 'interns.7.personId' } });
  });

  it('given retained interns 4 and 10 employed by an enterprise that is not registered, when applied for, then 422 R-INT naming them (masked) and nothing is written', () => {
    const cmd = submit(50, 25);
    const unknown = makeCreditCode(7299);
    cmd.interns[3] = { ...cmd.interns[3], enterpriseId: unknown };
    cmd.interns[9] = { ...cmd.interns[9], enterpriseId: unknown };
    const error = decider
      .given([])
      .when((s) => decideSubmitInternshipApplication(s, school, cmd, DATONG_2022, employers))
      .thenThrows({
        kind: 'rule',
        rule: 'R-INT',
        details: {
          unregisteredEmployers: [
            { intern: 3, personIdMasked: 'masked-3', enterpriseId: unknown },
            { intern: 9, personIdMasked: 'masked-9', enterpriseId: unknown },
          ],
        },
      });
    expect(error.message).toContain('interns.3');
    expect(error.message).not.toContain('id-3');
  });

  it('given an intern not retained employed by an unregistered enterprise, when applied for, then it is accepted (the rule is about retained interns)', () => {
    const cmd = submit(50, 25);
    cmd.interns[40] = { ...cmd.interns[40], enterpriseId: makeCreditCode(7299) };
    expect(
      decideSubmitInternshipApplication(
        initialInternshipState(),
        school,
        cmd,
        DATONG_2022,
        employers,
      ),
    ).toHaveLength(1);
  });

  it('given an unregistered school, when it applies, then 404', () => {
    decider
      .given([])
      .when((s) =>
        decideSubmitInternshipApplication(
          s,
          initialSchoolState(),
          submit(50, 25),
          DATONG_2022,
          employers,
        ),
      )
      .thenThrows({ kind: 'not_found' });
  });
});

describe('internship decider: the tranche', () => {
  const submitted = decideSubmitInternshipApplication(
    initialInternshipState(),
    school,
    submit(50, 26),
    DATONG_2022,
    employers,
  );

  it('given 26 retained interns, when the tranche starts, then every retained one is a candidate at the reward of their level', () => {
    const [start] = decideStartInternshipTranche(
      foldInternship(submitted),
      { decidedOn: '2024-02-01', approvedBy: 'fay' },
      DATONG_2022,
    );
    expect(start.data).toMatchObject({ processId: 'ia-1.i1', trancheId: 'ia-1.i1' });
    const candidates =
      start.type === 'InternshipTrancheApprovalStarted' ? start.data.candidates : [];
    expect(candidates).toHaveLength(26);
    expect(candidates[0]).toEqual({
      internId: 'ia-1.p1',
      personKey: 'pk-0',
      level: 'higher',
      requestedFen: 100_000,
    });
    expect(candidates[1]).toEqual({
      internId: 'ia-1.p2',
      personKey: 'pk-1',
      level: 'secondary',
      requestedFen: 80_000,
    });
  });

  it('given the school refused one person, when the tranche completes, then it pays the others (13 × 1,000 + 12 × 800 yuan)', () => {
    const start = decideStartInternshipTranche(
      foldInternship(submitted),
      { decidedOn: '2024-02-01', approvedBy: 'fay' },
      DATONG_2022,
    );
    const outcomes = new Map(
      Array.from({ length: 26 }, (_, i) => [
        `ia-1.p${i + 1}`,
        i === 1
          ? { status: 'refused' as const, rule: 'R-INT', reason: 'already rewarded' }
          : { status: 'reserved' as const, amountFen: i % 2 === 0 ? 100_000 : 80_000 },
      ]),
    );
    const [done] = decideCompleteInternshipTranche(
      foldInternship([...submitted, ...start]),
      outcomes,
    );
    expect(done.data).toMatchObject({
      amountFen: 13 * 100_000 + 12 * 80_000,
      refused: [{ internId: 'ia-1.p2', rule: 'R-INT', reason: 'already rewarded' }],
    });
  });

  it('given the tranche approved, when asked again, then 422 R-INT: the reward is paid once', () => {
    const start = decideStartInternshipTranche(
      foldInternship(submitted),
      { decidedOn: '2024-02-01', approvedBy: 'fay' },
      DATONG_2022,
    );
    decider
      .given([...submitted, ...start])
      .when((s) =>
        decideStartInternshipTranche(
          s,
          { decidedOn: '2024-02-02', approvedBy: 'fay' },
          DATONG_2022,
        ),
      )
      .thenThrows({ kind: 'conflict' });
  });

  it('given a reviewer who submitted it, when they approve its tranche, then 403 R-SOD', () => {
    const byReviewer = decideSubmitInternshipApplication(
      initialInternshipState(),
      school,
      { ...submit(50, 25), submittedBy: 'rita', submittedByReviewer: true },
      DATONG_2022,
      employers,
    );
    decider
      .given(byReviewer)
      .when((s) =>
        decideStartInternshipTranche(
          s,
          { decidedOn: '2024-02-01', approvedBy: 'rita' },
          DATONG_2022,
        ),
      )
      .thenThrows({ kind: 'forbidden', rule: 'R-SOD' });
  });

  it('given a published tranche, when an upheld objection takes one person out, then the payment must match the rest (R-PAY)', () => {
    const start = decideStartInternshipTranche(
      foldInternship(submitted),
      { decidedOn: '2024-02-01', approvedBy: 'fay' },
      DATONG_2022,
    );
    const outcomes = new Map(
      Array.from({ length: 26 }, (_, i) => [
        `ia-1.p${i + 1}`,
        { status: 'reserved' as const, amountFen: 100_000 },
      ]),
    );
    const done = decideCompleteInternshipTranche(
      foldInternship([...submitted, ...start]),
      outcomes,
    );
    const linked = decidePublicizeInternshipTranche(
      foldInternship([...submitted, ...start, ...done]),
      {
        trancheId: 'ia-1.i1',
        publicityId: 'pub-1',
        startsOn: '2024-02-02',
        endsOn: '2024-02-08',
      },
    );
    const history = [...submitted, ...start, ...done, ...linked];
    const withdrawn = decideWithdrawIntern(foldInternship(history), {
      trancheId: 'ia-1.i1',
      internId: 'ia-1.p3',
      withdrawnOn: '2024-02-05',
      objectionId: 'o1',
      publicityId: 'pub-1',
    });
    expect(withdrawn[0]).toMatchObject({
      type: 'InternWithdrawnFromTranche',
      data: { personKey: 'pk-2', amountFen: 100_000 },
    });
    const publicity = {
      publicityId: 'pub-1',
      startsOn: '2024-02-02',
      endsOn: '2024-02-08',
      openObjections: 0,
      upheldObjectionsOnTheList: 0,
    };
    const pay = {
      disbursementId: 'd1',
      trancheId: 'ia-1.i1',
      paidOn: '2024-02-09',
      amountFen: 2_600_000,
      bankRef: 'B',
      paidBy: 'fay',
    };
    decider
      .given([...history, ...withdrawn])
      .when((s) => decideRecordInternshipDisbursement(s, pay, publicity))
      .thenThrows({ kind: 'rule', rule: 'R-PAY' });
    expect(
      checkInternshipDisbursement(
        foldInternship([...history, ...withdrawn]),
        { ...pay, amountFen: 2_500_000 },
        publicity,
      ).trancheId,
    ).toBe('ia-1.i1');
  });
});
