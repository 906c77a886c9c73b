import { caseTraceProjection, evolveCaseTrace } from './case-trace.projection';
import { disbursementViewProjection, evolveDisbursementView } from './disbursement-view.projection';
import { enterpriseBalanceProjection } from './enterprise-balance.projection';
import { openProcessesProjection } from './open-processes.projection';
import { schoolBalanceOf, schoolBalanceProjection } from './school-balance.projection';
import {
  ageSchoolClawbacks,
  SchoolClawbackEntry,
  schoolClawbackAgeingProjection,
} from './school-clawback-ageing.projection';
import { clawbackAgeingProjection } from './clawback-ageing.projection';
import { E2, REWARD, S1, schoolCaseStory, siteCaseStory } from './testing/tranche-case.fixture';

const rowsOf = <R>(p: { project: (e: any) => { row: R }[] }, events: readonly unknown[]) =>
  events.flatMap((e) => p.project(e).map((o) => o.row));

describe('read models of cases against schools and of false site and internship tranches (R-FRAUD amended)', () => {
  const school = schoolCaseStory();
  const site = siteCaseStory();

  it('given the school case, when its trace is folded, then it names the school, the false tranche, its payment and what came back, and the suspension lifted by the last recovery', () => {
    let doc;
    for (const e of school) {
      if (caseTraceProjection.documentIds(e).includes('case-s')) doc = evolveCaseTrace(doc, e);
    }
    expect(doc).toMatchObject({
      caseId: 'case-s',
      schoolId: S1,
      status: 'closed',
      suspension: { requested: false, applied: true, lifted: true },
      clawbackDueFen: REWARD,
      recoveredFen: REWARD,
      outstandingFen: 0,
      findings: [
        {
          falseTrancheId: 'ia-1.i1',
          programme: 'internship',
          applicationId: 'ia-1',
          status: 'found',
          tranches: [
            {
              trancheId: 'ia-1.i1',
              payments: [
                expect.objectContaining({
                  disbursementId: 'dis-i',
                  recoveredFen: REWARD,
                  outstandingFen: 0,
                }),
              ],
            },
          ],
        },
      ],
    });
    expect(doc).not.toHaveProperty('enterpriseId');
  });

  it('given the school case, when the school balance and ageing are asked, then the reward is due back from the finding and recovered on the days received', () => {
    const rows = rowsOf(schoolBalanceProjection, school) as Parameters<typeof schoolBalanceOf>[0];
    expect(schoolBalanceOf(rows, '2024-04-15').programmes.internship).toEqual({
      approvedFen: 0,
      disbursedFen: REWARD,
      clawbackDueFen: REWARD,
      recoveredFen: 1_000_000,
    });
    const ageing = rowsOf(schoolClawbackAgeingProjection, school) as SchoolClawbackEntry[];
    expect(ageSchoolClawbacks(ageing, '2024-04-15')).toEqual([
      expect.objectContaining({
        schoolId: S1,
        outstandingFen: REWARD - 1_000_000,
        days31to90Fen: REWARD - 1_000_000,
        oldestDueSince: '2024-03-10',
      }),
    ]);
    expect(ageSchoolClawbacks(ageing, '2024-04-30')).toEqual([]);
    // No enterprise rows for a school's case.
    expect(rowsOf(clawbackAgeingProjection, school)).toEqual([]);
    expect(rowsOf(enterpriseBalanceProjection, school)).toEqual([]);
  });

  it('given a false lease year, when the enterprise balance and ageing are asked, then clawbackDue and recovered sit under siteLease', () => {
    const rows = rowsOf(enterpriseBalanceProjection, site) as {
      programme: string;
      kind: string;
      amountFen: number;
    }[];
    expect(rows.map((r) => [r.programme, r.kind, r.amountFen])).toEqual([
      ['siteLease', 'disbursed', 500_000],
      ['siteLease', 'clawbackDue', 500_000],
      ['siteLease', 'recovered', 200_000],
    ]);
    expect(rowsOf(clawbackAgeingProjection, site)).toEqual([
      expect.objectContaining({
        enterpriseId: E2,
        claimId: 's-1.y1',
        kind: 'due',
        amountFen: 500_000,
      }),
      expect.objectContaining({ enterpriseId: E2, kind: 'recovered', amountFen: -200_000 }),
    ]);
  });

  it('given false tranches, when their payments are read, then reversedBy names the case with what is due and recovered', () => {
    let doc;
    for (const e of site) {
      if (disbursementViewProjection.documentIds(e).includes('dis-s'))
        doc = evolveDisbursementView(doc, e);
    }
    expect(doc).toMatchObject({
      programme: 'siteLease',
      reversedBy: [
        {
          caseId: 'case-e',
          amountFen: 500_000,
          recoveredFen: 200_000,
          claimIds: [],
          clawbackIds: ['dis-s:s-1.y1'],
        },
      ],
    });
  });

  it('given the recovery that lifts the suspension, when open processes are folded, then it is open until RecoveryApplied', () => {
    const lifting = school.find((e) => e.type === 'RecoveryRecorded' && e.data['liftsSuspension'])!;
    const partial = school.find(
      (e) => e.type === 'RecoveryRecorded' && !e.data['liftsSuspension'],
    )!;
    expect(openProcessesProjection.evolve(undefined, lifting)).toMatchObject({
      kind: 'RecoveryRecorded',
      processId: 'r-2',
    });
    expect(openProcessesProjection.documentIds(partial)).toEqual([]);
  });
});
