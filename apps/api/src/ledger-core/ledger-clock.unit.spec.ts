import { LedgerClock } from './ledger-clock';

class FixedClock extends LedgerClock {
  at = new Date(0);
  override now(): Date {
    return this.at;
  }
}

const clockIn = (timeZone: string) => new FixedClock({ timeZone });

describe('LedgerClock.today', () => {
  it('given the last millisecond before midnight in Datong and the first after, when asked, then it answers each day', () => {
    const clock = clockIn('Asia/Shanghai');
    clock.at = new Date('2024-02-29T15:59:59.999Z');
    expect(clock.today()).toBe('2024-02-29');
    clock.at = new Date('2024-02-29T16:00:00.000Z');
    expect(clock.today()).toBe('2024-03-01');
    clock.at = new Date('2024-02-29T15:59:59.000Z');
    expect(clock.today()).toBe('2024-02-29');
  });

  it('given a zone a quarter hour off the hour, when asked either side of its midnight, then it answers each day', () => {
    const clock = clockIn('Asia/Kathmandu'); // UTC+05:45
    expect(clock.today(new Date('2024-06-30T18:14:59.999Z'))).toBe('2024-06-30');
    expect(clock.today(new Date('2024-06-30T18:15:00.000Z'))).toBe('2024-07-01');
  });

  it('given many commands in one second, when each asks, then the day is formatted once (issue #16)', () => {
    const clock = clockIn('Asia/Shanghai');
    const zoned = clock['dayFormat'];
    let formatted = 0;
    Object.defineProperty(clock, 'dayFormat', {
      value: { format: (at: Date) => (formatted++, zoned.format(at)) },
    });
    for (let ms = 0; ms < 1000; ms += 10) {
      clock.at = new Date(Date.UTC(2024, 0, 1, 4, 0, 0, ms));
      expect(clock.today()).toBe('2024-01-01');
    }
    expect(formatted).toBe(1);
    clock.at = new Date(Date.UTC(2024, 0, 1, 4, 0, 1));
    expect(clock.today()).toBe('2024-01-01');
    expect(formatted).toBe(2);
  });

  it('given an invalid date, when asked, then it throws every time', () => {
    const clock = clockIn('Asia/Shanghai');
    expect(() => clock.today(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => clock.today(new Date(Number.NaN))).toThrow(RangeError);
  });
});
