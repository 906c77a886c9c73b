import type { EventToAppend, RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  GENESIS_HASH,
  sealEvents,
  StoredEventTexts,
  storedEventTexts,
} from '@ledger/event-store/integrity/event-seal';
import type { AuditProblem } from './audit-problem';
import { ChainVerifier, StoredTextsSource } from './chain-verifier';
import { logRootOf } from './log-root';

const meta = {
  actor: 'fay',
  role: 'finance',
  businessDate: '2023-03-10',
  recordedAt: '2023-03-10T02:00:00.000Z',
};
const raw = (n: number): EventToAppend => ({
  type: 'Paid',
  data: { trancheId: `t${n}`, amountFen: n * 100 },
  metadata: meta,
});

/** `count` events of one stream as a reader hands them back, with the texts it read them from. */
function storedLog(count: number, form: 'canonical' | 'stringify' = 'canonical') {
  const sealed = sealEvents(
    'a',
    0,
    GENESIS_HASH,
    Array.from({ length: count }, (_, i) => raw(i)),
  );
  const texts = new Map<RecordedEvent, StoredEventTexts>();
  const events = sealed.map((e, i): RecordedEvent => {
    const stored =
      form === 'canonical'
        ? storedEventTexts(e)!
        : { data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) };
    const event: RecordedEvent = {
      eventId: `e${i + 1}`,
      type: e.type,
      stream: 'a',
      revision: i,
      position: i + 1,
      data: JSON.parse(stored.data),
      metadata: JSON.parse(stored.metadata),
    };
    texts.set(event, stored);
    return event;
  });
  return { events, texts };
}

/**
 * Checks the events in pages of 100, their texts kept as a reader keeps
 * them: only for the positions the verifier asks for when a page is read.
 */
function check(events: RecordedEvent[], texts: Map<RecordedEvent, StoredEventTexts>) {
  let kept = new Map<RecordedEvent, StoredEventTexts>();
  let keptCount = 0;
  const source: StoredTextsSource = {
    keepFor: undefined,
    textsOf: (e) => kept.get(e),
  };
  const chain = new ChainVerifier(true, undefined, source);
  const problems: AuditProblem[] = [];
  for (let at = 0; at < events.length; at += 100) {
    const page = events.slice(at, at + 100);
    kept = new Map();
    for (const e of page) {
      const t = texts.get(e);
      if (t !== undefined && (source.keepFor?.(e.position) ?? true)) {
        kept.set(e, t);
        keptCount += 1;
      }
    }
    for (const e of page) problems.push(...chain.observe(e).problems);
  }
  return { problems, chain, keptCount };
}

describe('ChainVerifier over the texts events were stored as (ADR 0020 §104)', () => {
  it('given a log stored in canonical texts, when checked, then nothing is wrong and the root is the same', () => {
    const { events, texts } = storedLog(5);
    const { problems, chain } = check(events, texts);
    expect(problems).toEqual([]);
    expect(chain.root.rootHash).toBe(logRootOf(events.map((e) => e.metadata.hash!)));
  });

  it('given texts that hash as stored, when checked, then the texts decide the hash, not values made again from them', () => {
    // A reader's values are what its texts parse to; values that differ show
    // which of the two was hashed: the texts, so no event is serialised again.
    const { events, texts } = storedLog(5);
    (events[2].data as { amountFen: number }).amountFen += 1;
    expect(check(events, texts).problems).toEqual([]);
    expect(check(events, new Map()).problems).toEqual([
      expect.objectContaining({ position: 3, check: 'hash' }),
    ]);
  });

  it('given an amount changed in a stored text, when checked, then its hash fails there and nowhere else', () => {
    const { events, texts } = storedLog(5);
    const changed = {
      ...texts.get(events[2])!,
      data: texts.get(events[2])!.data.replace('200', '201'),
    };
    texts.set(events[2], changed);
    (events[2].data as { amountFen: number }).amountFen = 201;
    expect(check(events, texts).problems).toEqual([
      expect.objectContaining({ position: 3, check: 'hash', stream: 'a' }),
    ]);
  });

  it('given a log stored in another form (before canonical texts), when checked, then its hashes are computed from the values and nothing is wrong', () => {
    const { events, texts } = storedLog(5, 'stringify');
    const { problems, chain } = check(events, texts);
    expect(problems).toEqual([]);
    expect(chain.root.rootHash).toBe(logRootOf(events.map((e) => e.metadata.hash!)));
  });

  it('given a long log in another form, when checked, then the reader keeps the texts of a few events only', () => {
    const { events, texts } = storedLog(1_000, 'stringify');
    const { problems, keptCount } = check(events, texts);
    expect(problems).toEqual([]);
    // The first page (64 misses come in it), then positions 256, 512 and 768.
    expect(keptCount).toBe(100 + 3);
  });

  it('given a log in another form that turns canonical, when checked, then the texts are kept again from the page after the first match', () => {
    // One stream sealed from the same values: positions 1..300 stored as
    // before, 301..1,000 in canonical texts (the hashes are the same).
    const old = storedLog(1_000, 'stringify');
    const fresh = storedLog(1_000);
    const events = [...old.events.slice(0, 300), ...fresh.events.slice(300)];
    const texts = new Map<RecordedEvent, StoredEventTexts>();
    for (const e of events) texts.set(e, (old.texts.get(e) ?? fresh.texts.get(e))!);
    const { problems, keptCount } = check(events, texts);
    expect(problems).toEqual([]);
    // Kept: page 1; 256 (a miss) and 512 (a match); then every event of pages 601..1,000.
    expect(keptCount).toBe(100 + 2 + 400);
  });
});
