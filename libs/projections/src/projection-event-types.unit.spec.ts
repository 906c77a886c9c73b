import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LEDGER_PROJECTIONS } from './projections';
import type { Projection } from './read-model';
import { fraudCaseStory, fundUseReported } from './testing/fraud-case.fixture';
import { recorded } from './testing/ledger-events.fixture';
import { paymentBatchStory } from './testing/payment-batch.fixture';
import { recordedStory } from './testing/seat-subsidy.story';
import { siteAndInternshipStory } from './testing/site-and-internship.fixture';
import { schoolCaseStory, siteCaseStory } from './testing/tranche-case.fixture';
import { workListHistory } from './testing/work-list-history.fixture';

/** Every story the projections' own tests tell, each event of each. */
const stories: RecordedEvent[] = [
  ...recordedStory(),
  ...fraudCaseStory(),
  recorded(fundUseReported, { position: 1 }),
  ...paymentBatchStory(),
  ...siteAndInternshipStory(),
  ...schoolCaseStory(),
  ...siteCaseStory(),
  ...workListHistory({ enterprises: 6, applicationsPerEnterprise: 4, schools: 3 }),
];

const answers = (p: Projection, e: RecordedEvent): boolean =>
  p.kind === 'journal' ? p.project(e).length > 0 : p.documentIds(e).length > 0;

/**
 * ADR 0020 §106: verification's replay asks a projection only about the
 * types in its `eventTypes`, so a type left out would be skipped there.
 */
describe('the event types each read model declares (eventTypes)', () => {
  it.each(LEDGER_PROJECTIONS.map((p) => [p.name, p] as const))(
    'given %s, when it is asked about every event of the stories, then it answers none of a type it does not declare',
    (_name, projection) => {
      expect(projection.eventTypes).toBeDefined();
      const declared =
        projection.eventTypes === 'every' ? undefined : new Set(projection.eventTypes);

      const undeclared = stories
        .filter((e) => declared !== undefined && !declared.has(e.type as never))
        .filter((e) => answers(projection, e))
        .map((e) => e.type);

      expect([...new Set(undeclared)]).toEqual([]);
    },
  );

  it.each(LEDGER_PROJECTIONS.map((p) => [p.name, p] as const))(
    'given %s, when it is asked about the stories, then it answers some event of a type it declares',
    (_name, projection) => {
      const declared =
        projection.eventTypes === 'every' ? undefined : new Set<string>(projection.eventTypes);

      const answered = stories.filter((e) => answers(projection, e));

      expect(answered.length).toBeGreaterThan(0);
      for (const e of answered) expect(declared === undefined || declared.has(e.type)).toBe(true);
    },
  );
});
