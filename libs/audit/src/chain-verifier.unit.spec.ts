import type { EventToAppend, RecordedEvent } from '@ledger/event-store/event-store.port';
import { ChainVerifier } from './chain-verifier';
import { GENESIS_HASH, sealEvents } from '@ledger/event-store/integrity/event-seal';
import { logRootOf } from './log-root';

const meta = {
  actor: 'fay',
  role: 'finance',
  businessDate: '2023-03-10',
  recordedAt: '2023-03-10T02:00:00.000Z',
};
const raw = (type: string, n: number): EventToAppend => ({
  type,
  data: { n, amountFen: n * 100 },
  metadata: meta,
});

/** Streams a and b, interleaved: a0 b0 a1 b1 a2 (positions 1..5), each sealed as runOnStream seals. */
function log(): RecordedEvent[] {
  const a = sealEvents('a', 0, GENESIS_HASH, [raw('A', 0), raw('A', 1), raw('A', 2)]);
  const b = sealEvents('b', 0, GENESIS_HASH, [raw('B', 0), raw('B', 1)]);
  const order: [string, EventToAppend, number][] = [
    ['a', a[0], 0],
    ['b', b[0], 0],
    ['a', a[1], 1],
    ['b', b[1], 1],
    ['a', a[2], 2],
  ];
  return order.map(([stream, e, revision], i) => ({
    eventId: `e${i + 1}`,
    type: e.type,
    stream,
    revision,
    position: i + 1,
    data: JSON.parse(JSON.stringify(e.data)),
    metadata: JSON.parse(JSON.stringify(e.metadata)),
  }));
}

function check(events: RecordedEvent[], contiguous = true) {
  const chain = new ChainVerifier(contiguous);
  const problems = events.flatMap((e) => chain.observe(e).problems);
  return { problems, chain };
}

describe('ChainVerifier', () => {
  it('given a log written through the chain, when checked, then nothing is wrong and the root covers every event', () => {
    const events = log();
    const { problems, chain } = check(events);
    expect(problems).toEqual([]);
    expect(chain.hashedEvents).toBe(5);
    expect(chain.root.rootHash).toBe(logRootOf(events.map((e) => e.metadata.hash!)));
  });

  it('given a changed amount, when checked, then the hash fails at that position and nowhere else', () => {
    const events = log();
    (events[2].data as { amountFen: number }).amountFen += 1;
    expect(check(events).problems).toEqual([
      expect.objectContaining({ position: 3, check: 'hash', stream: 'a' }),
    ]);
  });

  it('given a removed event, when checked, then the gap and the broken link are both at or after it', () => {
    const events = log();
    events.splice(2, 1); // a1, position 3
    const positions = check(events).problems.map((p) => [p.position, p.check]);
    expect(positions).toEqual([
      [3, 'order'],
      [5, 'chain'], // revision 2 follows 0
      [5, 'chain'], // prevHash
    ]);
  });

  it('given a removed event on a store with gaps (EventStoreDB), when checked, then the broken link names the next event of the stream', () => {
    const events = log();
    events.splice(2, 1);
    expect(check(events, false).problems.map((p) => [p.position, p.check])).toEqual([
      [5, 'chain'],
      [5, 'chain'],
    ]);
  });

  it("given two events' data swapped, when checked, then both fail their hash, the first at the lower position", () => {
    const events = log();
    [events[1].data, events[3].data] = [events[3].data, events[1].data];
    expect(check(events).problems.map((p) => [p.position, p.check])).toEqual([
      [2, 'hash'],
      [4, 'hash'],
    ]);
  });

  it('given an event inserted behind the ledger (no hash), when checked, then it is named as unhashed', () => {
    const events = log();
    events.push({
      eventId: 'x',
      type: 'TrancheDisbursed',
      stream: 'a',
      revision: 3,
      position: 6,
      data: { amountFen: 1 },
      metadata: meta,
    });
    expect(check(events).problems).toEqual([
      expect.objectContaining({ position: 6, check: 'unhashed' }),
    ]);
  });

  it('given a history older than the chain, when checked, then its unhashed events are counted, not reported', () => {
    const legacy = log().map((e) => {
      const metadata = { ...e.metadata };
      delete metadata.hash;
      delete metadata.prevHash;
      return { ...e, metadata };
    });
    const { problems, chain } = check(legacy);
    expect(problems).toEqual([]);
    expect(chain.unhashedEvents).toBe(5);
  });
});
