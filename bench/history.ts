import { bankRefKey, recordDisbursement } from '@ledger/application';
import { GENESIS_HASH, sealEvents } from '@ledger/event-store/integrity/event-seal';
import { maskResidentId } from '@ledger/domain';
import { makeCreditCode } from '@ledger/domain/identity/test-ids';
import { EventStore, EventToAppend, RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  apiPersonKeyOf,
  approvedApplication,
  approveFirstTranche,
  ctxOf,
  openEmbeddedLedger,
  personIdAt,
  publicizeTranche,
} from './ledger-fixture';
import { tempDir } from './bench-support';

/**
 * Prior history for the growth and rebuild workloads, written fast but made
 * of real ledger events.
 *
 * One "story" is what the application code writes for one enterprise: it is
 * registered, submits one seat application of `claimsPerStory` persons
 * (R-SEAT-6 steps on each person's stream), the claims are reviewed, tranche 1
 * is approved (a cap reservation on each person's stream), publicised for 7
 * days and paid. The story is recorded ONCE by running the real processes
 * (`@ledger/application`) on a scratch store; every copy is that recording
 * with its identifiers replaced (enterprise credit code, application, claim,
 * tranche, notice, payment and bank-reference ids, ID numbers, masked ID
 * numbers, names and person keys), appended through the event-store port with
 * the recorded expected revisions, read models written inline as the API
 * writes them. Person keys are the API's (`apiPersonKeyOf`), so the persons of
 * the history can be queried over HTTP by their ID numbers.
 *
 * With 20 claims a story is 55 events, so 1,000,000 events are ~18,200
 * enterprises, applications and notices and ~364,000 persons.
 *
 * `appendStories` is that way through the port; the bench's workloads write
 * their histories with `direct-history/write-history.ts` instead, which
 * copies the same recording straight into the store's tables with the
 * projector's rows (~3× less CPU, ADR 0020's last amendment).
 */
export const CLAIMS_PER_STORY = 20;

const TEMPLATE_SEED = 99_999_990;
const TEMPLATE_APPLICATION = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
const TEMPLATE_PUBLICITY = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
const TEMPLATE_DISBURSEMENT = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const TEMPLATE_BANK_REF = 'TPL-BANK-REF-0000';
/** Far above any person index a story uses (1,000,000 events need ~385,000). */
const TEMPLATE_FIRST_PERSON = 9_000_000;

interface TemplateEvent {
  stream: string;
  /** Expected revision for the append that wrote it. */
  expected: number | 'no_stream';
  events: { type: string; data: string; metadata: string }[];
}

/**
 * How far a story goes: `reviewed` (registered, submitted, claims approved:
 * ready for tranche 1), `publicised` (tranche 1 approved and its 7-day notice
 * over: ready to pay) or `paid`.
 */
export type StoryStage = 'reviewed' | 'publicised' | 'paid';

export interface Template {
  stage: StoryStage;
  appends: TemplateEvent[];
  eventsPerStory: number;
  claimsPerStory: number;
  /** Tranche 1's amount (0 at `reviewed`). */
  trancheAmountFen: number;
  /** Every token of the recording, and what replaces it in story `n`. */
  replacementsFor: (story: number) => Map<string, string>;
  /** Matches any token. */
  pattern: RegExp;
  /** The write path sealed the recording (ADR 0007 hash chain): copies are sealed again. */
  sealed: boolean;
  /** The recording as read back from its scratch store (positions from 1). */
  recorded: RecordedEvent[];
}

/**
 * Store options for writing a history: larger group-commit batches than the
 * API's (ADR 0006), since nothing waits on a query meanwhile.
 */
export const BULK_LOAD = { groupCommit: { maxAppends: 1_000, maxEvents: 50_000 } } as const;

/** What one story's identifiers are, for queries against the history. */
export interface StoryIds {
  enterpriseId: string;
  applicationId: string;
  personIds: string[];
}

const hex12 = (n: number) => n.toString(16).padStart(12, '0');
export const storyIds = (story: number, claimsPerStory = CLAIMS_PER_STORY): StoryIds => ({
  enterpriseId: makeCreditCode(story + 1),
  applicationId: `00000000-0000-4000-8000-${hex12(story)}`,
  personIds: Array.from({ length: claimsPerStory }, (_, i) =>
    personIdAt(story * claimsPerStory + i),
  ),
});

/** Runs the real processes once and records what they wrote. */
export async function recordTemplate(
  stage: StoryStage = 'paid',
  claimsPerStory = CLAIMS_PER_STORY,
): Promise<Template> {
  const scratch = tempDir('template');
  const ledger = openEmbeddedLedger(scratch.dir);
  try {
    const { applicationId, enterpriseId } = await approvedApplication(
      ledger.deps,
      TEMPLATE_SEED,
      claimsPerStory,
      TEMPLATE_FIRST_PERSON,
      { applicationId: TEMPLATE_APPLICATION, personKey: apiPersonKeyOf },
    );
    let trancheAmountFen = 0;
    if (stage !== 'reviewed') {
      const tranche = await approveFirstTranche(ledger.deps, applicationId);
      trancheAmountFen = tranche.result.amountFen;
      await publicizeTranche(ledger.deps, tranche.result.trancheId, TEMPLATE_PUBLICITY);
      if (stage === 'paid') {
        await recordDisbursement(ledger.deps, ctxOf('fay', 'finance'), {
          disbursementId: TEMPLATE_DISBURSEMENT,
          trancheId: tranche.result.trancheId,
          paidOn: '2023-03-20',
          amountFen: tranche.result.amountFen,
          bankRef: TEMPLATE_BANK_REF,
        });
      }
    }
    const recorded = await ledger.store.readAll();
    const templatePersons = Array.from({ length: claimsPerStory }, (_, i) =>
      personIdAt(TEMPLATE_FIRST_PERSON + i),
    );
    const replacementsFor = (n: number) => {
      const ids = storyIds(n, claimsPerStory);
      const bankRef = `BANK-${hex12(n)}`;
      const map = new Map<string, string>([
        [enterpriseId, ids.enterpriseId],
        [`Enterprise ${TEMPLATE_SEED}`, `Enterprise ${n + 1}`],
        [TEMPLATE_APPLICATION, ids.applicationId],
        [TEMPLATE_PUBLICITY, `00000000-0000-4000-9000-${hex12(n)}`],
        [TEMPLATE_DISBURSEMENT, `00000000-0000-4000-a000-${hex12(n)}`],
        [TEMPLATE_BANK_REF, bankRef],
        [bankRefKey(TEMPLATE_BANK_REF), bankRefKey(bankRef)],
      ]);
      templatePersons.forEach((templateId, i) => {
        const personId = ids.personIds[i];
        map.set(templateId, personId);
        map.set(maskResidentId(templateId), maskResidentId(personId));
        map.set(apiPersonKeyOf(templateId), apiPersonKeyOf(personId));
        map.set(`"P${TEMPLATE_FIRST_PERSON + i}"`, `"P${n * claimsPerStory + i}"`);
      });
      return map;
    };
    const tokens = [...replacementsFor(0).keys()];
    const pattern = new RegExp(
      tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
      'g',
    );
    return {
      stage,
      appends: groupIntoAppends(recorded),
      eventsPerStory: recorded.length,
      claimsPerStory,
      trancheAmountFen,
      replacementsFor,
      pattern,
      sealed: recorded.some((e) => e.metadata.hash !== undefined),
      recorded,
    };
  } finally {
    await ledger.store.close();
    scratch.remove();
  }
}

/** Consecutive events of one stream were one append (a decision of several events). */
function groupIntoAppends(recorded: RecordedEvent[]): TemplateEvent[] {
  const appends: TemplateEvent[] = [];
  for (const e of recorded) {
    const last = appends[appends.length - 1];
    const item = {
      type: e.type,
      data: JSON.stringify(e.data),
      metadata: JSON.stringify(e.metadata),
    };
    if (last && last.stream === e.stream) last.events.push(item);
    else {
      appends.push({
        stream: e.stream,
        expected: e.revision === 0 ? 'no_stream' : e.revision - 1,
        events: [item],
      });
    }
  }
  return appends;
}

/**
 * The template's appends for story `n`, every identifier replaced and, when
 * the recording was sealed, every stream's hash chain computed again over the
 * new content (each stream of a story is the story's own, from revision 0).
 */
export function storyAppends(
  template: Template,
  n: number,
): { stream: string; expected: number | 'no_stream'; events: EventToAppend[] }[] {
  const map = template.replacementsFor(n);
  const swap = (text: string) => text.replace(template.pattern, (token) => map.get(token)!);
  const lastHash = new Map<string, string>();
  return template.appends.map((a) => {
    const stream = swap(a.stream);
    let events: EventToAppend[] = a.events.map((e) => ({
      type: e.type,
      data: JSON.parse(swap(e.data)) as Record<string, unknown>,
      metadata: JSON.parse(swap(e.metadata)) as EventToAppend['metadata'],
    }));
    if (template.sealed) {
      const start = a.expected === 'no_stream' ? 0 : a.expected + 1;
      events = sealEvents(stream, start, lastHash.get(stream) ?? GENESIS_HASH, events);
      lastHash.set(stream, events[events.length - 1].metadata.hash!);
    }
    return { stream, expected: a.expected, events };
  });
}

/**
 * Appends stories [from, to) through the port: `storiesInFlight` stories at a
 * time, each story's appends in order, the stories interleaved, so group
 * commit puts up to a few hundred appends in each transaction.
 */
export async function appendStories(
  store: EventStore,
  template: Template,
  from: number,
  to: number,
  storiesInFlight = 200,
): Promise<void> {
  for (let start = from; start < to; start += storiesInFlight) {
    const end = Math.min(to, start + storiesInFlight);
    const stories: ReturnType<typeof storyAppends>[] = [];
    for (let n = start; n < end; n++) stories.push(storyAppends(template, n));
    const pending: Promise<unknown>[] = [];
    for (let step = 0; step < template.appends.length; step++) {
      for (const story of stories) {
        const a = story[step];
        pending.push(store.append(a.stream, a.events, a.expected));
      }
    }
    await Promise.all(pending);
  }
}
