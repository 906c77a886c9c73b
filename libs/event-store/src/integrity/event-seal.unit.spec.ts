import type { EventMetadata, RecordedEvent } from '../event-store.port';
import {
  computeEventHash,
  eventHashInput,
  GENESIS_HASH,
  isHashHex,
  linkHashOf,
  nextPrevHash,
  sealEvents,
  sha256Hex,
} from './event-seal';
import { createHash } from 'node:crypto';

const metadata = (extra: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: 'fay',
  role: 'finance',
  businessDate: '2023-03-10',
  recordedAt: '2023-03-10T02:00:00.000Z',
  policyVersion: 'datong-2022',
  ...extra,
});

const sealedTwo = () =>
  sealEvents('seat-application-a1', 0, GENESIS_HASH, [
    {
      type: 'TrancheApprovalStarted',
      data: { trancheId: 'a1.t1', tranche: 1 },
      metadata: metadata(),
    },
    {
      type: 'TrancheApproved',
      data: { trancheId: 'a1.t1', amountFen: 250_000, included: [{ amountFen: 250_000 }] },
      metadata: metadata(),
    },
  ]);

const recordedOf = (
  e: ReturnType<typeof sealedTwo>[number],
  revision: number,
  position: number,
): RecordedEvent => ({
  eventId: `e${position}`,
  type: e.type,
  stream: 'seat-application-a1',
  revision,
  position,
  data: JSON.parse(JSON.stringify(e.data)),
  metadata: JSON.parse(JSON.stringify(e.metadata)),
});

describe('the hash chain of a stream', () => {
  it('given texts with Chinese, emoji, controls and a lone surrogate, when hashed, then each is SHA-256 over its UTF-8 as a Hash object gives it', () => {
    const texts = [
      '',
      'a',
      '大同市数据标注',
      '😀 x',
      '\u0000\n"\\',
      'lone \ud800 half',
      'x'.repeat(70_000),
    ];
    for (const text of texts) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('given an event, when its hash input is built, then it is the documented canonical encoding', () => {
    const input = eventHashInput({
      stream: 's-1',
      revision: 0,
      type: 'T',
      data: { b: 2, a: 1 },
      metadata: { ...metadata(), schemaVersion: 2, prevHash: GENESIS_HASH, hash: 'ignored' },
    });
    expect(input).toBe(
      '{"data":{"a":1,"b":2},"metadata":{"actor":"fay","businessDate":"2023-03-10","policyVersion":"datong-2022",' +
        `"prevHash":"${GENESIS_HASH}","recordedAt":"2023-03-10T02:00:00.000Z","role":"finance","schemaVersion":2},` +
        '"revision":0,"schemaVersion":2,"stream":"s-1","type":"T"}',
    );
  });

  it('given stored metadata with a __proto__ member (a tampered or hostile log, as JSON.parse reads it), when its hash input is built, then the member is hashed like any other and only hash is left out', () => {
    const stored = JSON.parse(
      '{"actor":"fay","__proto__":{"x":1},"hash":"h","prevHash":"p","schemaVersion":1}',
    ) as EventMetadata;
    const input = eventHashInput({
      stream: 's-1',
      revision: 0,
      type: 'T',
      data: {},
      metadata: stored,
    });
    expect(input).toBe(
      '{"data":{},"metadata":{"__proto__":{"x":1},"actor":"fay","prevHash":"p","schemaVersion":1},' +
        '"revision":0,"schemaVersion":1,"stream":"s-1","type":"T"}',
    );
  });

  it('given the same two events, when sealed, then their hashes are the ones stored since the chain began (never to change)', () => {
    // Pinned: every stored event's hash depends on these bytes; a change here breaks verification of all history.
    expect(sealedTwo().map((e) => e.metadata.hash)).toEqual([
      'bb0755b9b743586d5320d459c1a2b5f9fca26aac636386c0afac9da73cdd7b5a',
      '69e9d9eb318e75498f0f134acc50edd49c532c924dba80f6557cffd537e97ab2',
    ]);
  });

  it('given events sealed for a new stream, when read back, then the first links to genesis and each next to the one before', () => {
    const [first, second] = sealedTwo();
    expect(first.metadata.prevHash).toBe(GENESIS_HASH);
    expect(second.metadata.prevHash).toBe(first.metadata.hash);
    expect(first.metadata.schemaVersion).toBe(1);
    expect(second.metadata.schemaVersion).toBe(2); // TrancheApproved is at version 2
    expect(first.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    // The stored hash is the hash of the event as a store hands it back.
    expect(computeEventHash(recordedOf(first, 0, 1))).toBe(first.metadata.hash);
    expect(computeEventHash(recordedOf(second, 1, 2))).toBe(second.metadata.hash);
    expect(nextPrevHash(recordedOf(second, 1, 2))).toBe(second.metadata.hash);
    expect(nextPrevHash(undefined)).toBe(GENESIS_HASH);
  });

  it.each([
    ['the amount', (e: RecordedEvent) => ((e.data as { amountFen: number }).amountFen = 250_001)],
    ['the actor', (e: RecordedEvent) => (e.metadata.actor = 'mallory')],
    ['the business date', (e: RecordedEvent) => (e.metadata.businessDate = '2023-03-09')],
    ['the revision', (e: RecordedEvent) => (e.revision = 5)],
    ['the stream', (e: RecordedEvent) => (e.stream = 'seat-application-a2')],
    ['the type', (e: RecordedEvent) => (e.type = 'TrancheRejected')],
    ['the link to the previous event', (e: RecordedEvent) => (e.metadata.prevHash = GENESIS_HASH)],
    ['the schema version', (e: RecordedEvent) => (e.metadata.schemaVersion = 1)],
  ])(
    'given a sealed event, when %s is changed, then its hash no longer matches',
    (_what, change) => {
      const [, second] = sealedTwo();
      const event = recordedOf(second, 1, 2);
      change(event);
      expect(computeEventHash(event)).not.toBe(second.metadata.hash);
    },
  );

  it('given an event written before the chain (no hash), when the next one links to it, then it links to its computed hash', () => {
    const legacy: RecordedEvent = {
      eventId: 'old',
      type: 'EnterpriseRegistered',
      stream: 'enterprise-1',
      revision: 0,
      position: 1,
      data: { enterpriseId: '1' },
      metadata: metadata(),
    };
    expect(linkHashOf(legacy)).toBe(computeEventHash(legacy));
  });
});

describe('isHashHex', () => {
  const hex = createHash('sha256').update('x').digest('hex');

  it('given a SHA-256 in lower-case hex, when checked, then it is one', () => {
    expect(isHashHex(hex)).toBe(true);
    expect(isHashHex(GENESIS_HASH)).toBe(true);
    expect(isHashHex('0123456789abcdef'.repeat(4))).toBe(true);
  });

  it('given anything else, when checked, then it is not one', () => {
    for (const value of [
      hex.toUpperCase(),
      hex.slice(1),
      `${hex}0`,
      `${hex.slice(0, 63)}g`,
      `${hex.slice(0, 63)}/`,
      `${hex.slice(0, 63)}:`,
      `${hex.slice(0, 63)}\u0130`,
      `${hex.slice(0, 63)}\u0161`,
      ` ${hex.slice(1)}`,
      '',
      undefined,
      null,
      64,
      [hex],
    ]) {
      expect(isHashHex(value)).toBe(false);
    }
  });
});
