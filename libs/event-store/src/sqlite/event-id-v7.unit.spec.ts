import { eventIdV7 } from './event-id-v7';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('eventIdV7', () => {
  it('given the clock, when minting, then a UUIDv7 whose first 48 bits are its milliseconds', () => {
    const now = Date.UTC(2031, 0, 2, 3, 4, 5, 678);

    const id = eventIdV7(now);

    expect(id).toMatch(UUID_V7);
    expect(msOf(id)).toBe(now);
  });

  it('given many ids in one millisecond, when minting, then they strictly increase and all differ', () => {
    const now = Date.UTC(2032, 5, 6);
    const ids = Array.from({ length: 10_000 }, () => eventIdV7(now));

    // More than the 12-bit counter holds: the millisecond moves on, never back.
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(msOf(ids[0])).toBe(now);
  });

  it('given a clock that steps back, when minting, then the ids still increase', () => {
    const later = eventIdV7(Date.UTC(2033, 0, 1));

    const earlier = eventIdV7(Date.UTC(2020, 0, 1));

    expect(earlier > later).toBe(true);
    expect(earlier).toMatch(UUID_V7);
  });

  it('given two ids, when minting, then their last 62 bits are random, not a counter', () => {
    const now = Date.UTC(2034, 0, 1);
    const tails = Array.from({ length: 64 }, () => eventIdV7(now).slice(19));

    expect(new Set(tails).size).toBe(64);
  });
});
