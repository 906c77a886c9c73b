import {
  ageClawbacks,
  ageingBucketOf,
  clawbackAgeingPage,
  clawbackAgeingProjection,
  ClawbackEntry,
  emptyAgeing,
} from './clawback-ageing.projection';
import { journalSpecification } from './testing/projection-specification';
import { E1, FOUND_ON, fraudCaseStory } from './testing/fraud-case.fixture';

const spec = journalSpecification(clawbackAgeingProjection);
const story = fraudCaseStory();
const rows: ClawbackEntry[] = story.flatMap((e) =>
  clawbackAgeingProjection.project(e).map((op) => op.row),
);

describe('clawback ageing projection (finance: outstanding clawbacks by age)', () => {
  it('given a clawback assessed on the finding date, when projected, then a due row carries its age from that date', () => {
    spec.when(story.find((e) => e.type === 'ClawbackAssessed')!).thenRows([
      {
        enterpriseId: E1,
        caseId: 'case-1',
        clawbackId: 'dis-1:sa-1.c1',
        claimId: 'sa-1.c1',
        kind: 'due',
        amountFen: 250_000,
        dueSince: FOUND_ON,
        businessDate: FOUND_ON,
        recordedAt: `${FOUND_ON}T04:00:00.000Z`,
        position: 105,
      },
    ]);
  });

  it('given a recovery split over two clawbacks, when projected, then each share is a negative recovered row on the day it came in', () => {
    const full = story.find((e) => e.position === 109)!;
    expect(clawbackAgeingProjection.project(full).map((op) => op.row)).toEqual([
      expect.objectContaining({
        clawbackId: 'dis-1:sa-1.c1',
        kind: 'recovered',
        amountFen: -150_000,
        dueSince: null,
        businessDate: '2024-06-01',
      }),
      expect.objectContaining({
        clawbackId: 'dis-2:sa-1.c1',
        kind: 'recovered',
        amountFen: -250_000,
        businessDate: '2024-06-01',
      }),
    ]);
  });

  it.each([
    [0, 'days0to30Fen'],
    [30, 'days0to30Fen'],
    [31, 'days31to90Fen'],
    [90, 'days31to90Fen'],
    [91, 'days91to365Fen'],
    [365, 'days91to365Fen'],
    [366, 'over365DaysFen'],
  ])('given a clawback %i days old, when bucketed, then it is in %s', (days, bucket) => {
    expect(ageingBucketOf(days)).toBe(bucket);
  });

  it('given the day before the finding, when aged, then nothing is outstanding', () => {
    expect(ageClawbacks(rows, '2024-03-09')).toEqual([]);
  });

  it('given the finding date, when aged, then 5,000 yuan is 0-30 days old', () => {
    expect(ageClawbacks(rows, FOUND_ON)).toEqual([
      {
        ...emptyAgeing(E1),
        outstandingFen: 500_000,
        clawbacks: 2,
        oldestDueSince: FOUND_ON,
        days0to30Fen: 500_000,
      },
    ]);
  });

  it('given 1,000 yuan back on 2024-04-15, when aged on 2024-05-20 (71 days), then 4,000 yuan is 31-90 days old', () => {
    expect(ageClawbacks(rows, '2024-05-20')).toEqual([
      {
        ...emptyAgeing(E1),
        outstandingFen: 400_000,
        clawbacks: 2,
        oldestDueSince: FOUND_ON,
        days31to90Fen: 400_000,
      },
    ]);
  });

  it('given everything back on 2024-06-01, when aged afterwards, then nothing is outstanding', () => {
    expect(ageClawbacks(rows, '2024-06-01')).toEqual([]);
    expect(ageClawbacks(rows, '2026-01-01')).toEqual([]);
  });

  it('given only the due rows, when aged two years later, then it is all over 365 days', () => {
    const due = rows.filter((r) => r.kind === 'due');
    expect(ageClawbacks(due, '2026-03-10')[0]).toMatchObject({
      over365DaysFen: 500_000,
      days0to30Fen: 0,
    });
  });

  it('given two enterprises, when paged after the first, then only the second is listed', () => {
    const other = rows.map((r) => ({ ...r, enterpriseId: 'E2', clawbackId: `${r.clawbackId}:e2` }));
    const all = [...rows, ...other];
    expect(clawbackAgeingPage(all, { asOf: FOUND_ON }, 100).map((a) => a.enterpriseId)).toEqual([
      E1,
      'E2',
    ]);
    expect(
      clawbackAgeingPage(all, { asOf: FOUND_ON, afterEnterpriseId: E1 }, 100).map(
        (a) => a.enterpriseId,
      ),
    ).toEqual(['E2']);
    expect(clawbackAgeingPage(all, { asOf: FOUND_ON }, 1)).toHaveLength(1);
  });
});
