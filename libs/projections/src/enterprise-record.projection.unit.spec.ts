import {
  emptyEnterpriseRecord,
  enterpriseRecordProjection,
  EnterpriseRecordView,
} from './enterprise-record.projection';
import { documentSpecification } from './testing/projection-specification';
import { E1, fraudCaseStory } from './testing/fraud-case.fixture';

const spec = documentSpecification(enterpriseRecordProjection);
const story = fraudCaseStory();
const docAfter = (position: number): EnterpriseRecordView | undefined => {
  const ops = spec
    .given(...story.filter((e) => e.position < position))
    .when(story.find((e) => e.position === position)!)
    .operations();
  return ops[0]?.kind === 'put' ? (ops[0].doc as EnterpriseRecordView) : undefined;
};

describe('enterprise record projection (Art. 13 performance evaluation)', () => {
  it('given nothing, when a case is opened, then the enterprise has one open case', () => {
    expect(docAfter(101)).toEqual({
      ...emptyEnterpriseRecord(E1),
      casesOpened: 1,
      casesOpen: 1,
      cases: [
        {
          caseId: 'case-1',
          openedOn: '2024-03-01',
          reason: 'tip: seat never staffed',
          status: 'open',
          outcome: null,
          closedOn: null,
          falseClaims: 0,
          clawbackDueFen: 0,
          recoveredFen: 0,
        },
      ],
      lastPosition: 101,
    });
  });

  it('given the case, when the enterprise is suspended by it, then the record shows the suspension', () => {
    expect(docAfter(102)?.suspendedBy).toEqual(['case-1']);
  });

  it('given the finding applied, when recorded, then one false claim and 5,000 yuan due show', () => {
    expect(docAfter(107)).toMatchObject({
      falseClaims: 1,
      clawbackDueFen: 500_000,
      outstandingFen: 500_000,
    });
  });

  it('given both recoveries, when recorded, then 5,000 yuan is recovered and nothing outstanding', () => {
    expect(docAfter(109)).toMatchObject({ recoveredFen: 500_000, outstandingFen: 0 });
  });

  it('given the case closed upheld, when its suspension is lifted, then the record shows one upheld case and no suspension', () => {
    expect(docAfter(111)).toMatchObject({ casesOpen: 0, casesUpheld: 1, casesDismissed: 0 });
    expect(docAfter(112)?.suspendedBy).toEqual([]);
  });

  it('given events a record does not follow, when asked, then it touches no document', () => {
    const clawback = story.find((e) => e.type === 'ClawbackAssessed')!;
    expect(enterpriseRecordProjection.documentIds(clawback)).toEqual([]);
  });
});
