import type { EventMetadata, EventToAppend } from '../event-store.port';
import { canonicalJson } from './canonical-json';
import {
  eventHashInput,
  GENESIS_HASH,
  hashInputFromTexts,
  sealEvents,
  storedEventTexts,
  storedTextsMatchHash,
} from './event-seal';

const STREAM = 'seat-application-a1';

const metadata = (extra: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: '张三',
  role: 'finance',
  businessDate: '2023-03-10',
  recordedAt: '2023-03-10T02:00:00.000Z',
  ...extra,
});

/** Events whose insertion order is not the canonical one, with keys a JS object orders first. */
const unsorted = (): EventToAppend[] => [
  {
    type: 'TrancheApproved',
    data: {
      trancheId: 'a1.t1',
      amountFen: 250_000,
      included: [{ z: 1, a: '\u2028' }],
      '10': 'x',
      '9': 'y',
    },
    metadata: metadata({ correlationId: 'c-1' }),
  },
  { type: 'SeatApplicationSubmitted', data: {}, metadata: {} as EventMetadata },
  {
    type: 'Noted',
    data: { note: 'quote " backslash \\ emoji 😀 lone \ud800' },
    metadata: metadata(),
  },
];

const sealedAndTexts = () => {
  const sealed = sealEvents(STREAM, 3, GENESIS_HASH, unsorted());
  return sealed.map((event, i) => ({
    event,
    revision: 3 + i,
    texts: storedEventTexts(event)!,
  }));
};

/** The event as a reader parses it back from its texts. */
const parsed = (e: {
  event: EventToAppend;
  revision: number;
  texts: { data: string; metadata: string };
}) => ({
  stream: STREAM,
  revision: e.revision,
  type: e.event.type,
  data: JSON.parse(e.texts.data) as Record<string, unknown>,
  metadata: JSON.parse(e.texts.metadata) as EventMetadata,
});

describe('stored event texts (ADR 0020 §104)', () => {
  it('given events of every shape, when their hash input is built from canonical texts, then it is the bytes eventHashInput makes from the values', () => {
    for (const { event, revision } of sealedAndTexts()) {
      const { hash: _hash, ...withoutHash } = event.metadata;
      const fromValues = eventHashInput({
        stream: STREAM,
        revision,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      });
      expect(
        hashInputFromTexts(
          STREAM,
          revision,
          event.type,
          event.metadata.schemaVersion ?? 1,
          canonicalJson(event.data),
          canonicalJson(withoutHash),
        ),
      ).toBe(fromValues);
    }
  });

  it('given sealed events, when their stored texts are made, then data is canonical and metadata canonical with hash last', () => {
    for (const { event, texts } of sealedAndTexts()) {
      expect(texts.data).toBe(canonicalJson(event.data));
      const { hash, ...withoutHash } = event.metadata;
      const canonical = canonicalJson(withoutHash);
      expect(texts.metadata.endsWith(`"hash":"${hash}"}`)).toBe(true);
      expect(JSON.parse(texts.metadata)).toEqual(event.metadata);
      expect(texts.metadata.startsWith(canonical.slice(0, -1))).toBe(true);
    }
  });

  it('given a sealed event copied into a new object, when its texts are asked for, then they are built from its values the same', () => {
    for (const { event, texts } of sealedAndTexts()) {
      const copy = JSON.parse(JSON.stringify(event)) as EventToAppend;
      expect(storedEventTexts(copy)).toEqual({ data: texts.data, metadata: texts.metadata });
    }
  });

  it('given an event without a hash, when its texts are asked for, then there are none (stored as JSON.stringify writes it)', () => {
    expect(
      storedEventTexts({ type: 'X', data: { b: 1, a: 2 }, metadata: metadata() }),
    ).toBeUndefined();
  });

  it('given sealed events read back, when their stored texts are hashed as they are, then each matches its hash', () => {
    for (const e of sealedAndTexts()) {
      const event = parsed(e);
      expect(storedTextsMatchHash(event, e.texts, event.metadata.hash)).toBe(true);
    }
  });

  it.each([
    [
      'data stored in another key order (the same values)',
      (t: { data: string; metadata: string }) => ({
        ...t,
        data: JSON.stringify({ amountFen: 250_000, ...JSON.parse(t.data) }),
      }),
    ],
    [
      'an amount changed in the data text',
      (t: { data: string; metadata: string }) => ({
        ...t,
        data: t.data.replace('250000', '250001'),
      }),
    ],
    [
      'whitespace added to the data text',
      (t: { data: string; metadata: string }) => ({ ...t, data: ` ${t.data}` }),
    ],
    [
      'the actor changed in the metadata text',
      (t: { data: string; metadata: string }) => ({
        ...t,
        metadata: t.metadata.replace('张三', 'mallory'),
      }),
    ],
    [
      'hash not the last member',
      (t: { data: string; metadata: string }) => {
        const { hash, ...rest } = JSON.parse(t.metadata) as Record<string, unknown>;
        return { ...t, metadata: JSON.stringify({ hash, ...rest }) };
      },
    ],
  ])(
    'given %s, when hashed as stored, then it does not match (the hash is computed from the values instead)',
    (_what, change) => {
      const [first] = sealedAndTexts();
      const event = parsed(first);
      expect(storedTextsMatchHash(event, change(first.texts), event.metadata.hash)).toBe(false);
    },
  );

  it.each([
    ['the revision', { revision: 4 }],
    ['the stream', { stream: 'seat-application-a2' }],
    ['the type', { type: 'TrancheRejected' }],
  ])(
    'given %s of the row changed, when its texts are hashed, then they do not match',
    (_what, change) => {
      const [first] = sealedAndTexts();
      const event = { ...parsed(first), ...change };
      expect(storedTextsMatchHash(event, first.texts, event.metadata.hash)).toBe(false);
    },
  );

  it('given a stored hash that is not 64 lowercase hex digits, when texts are hashed, then they do not match', () => {
    const [first] = sealedAndTexts();
    const event = parsed(first);
    const upper = String(event.metadata.hash).toUpperCase();
    const texts = {
      ...first.texts,
      metadata: first.texts.metadata.replace(String(event.metadata.hash), upper),
    };
    expect(storedTextsMatchHash(event, texts, upper)).toBe(false);
  });
});
