import { ShutdownDeadline } from './shutdown-deadline';

describe('ShutdownDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('given an armed deadline and a step that never finishes, when the time runs out, then it reports that step', () => {
    const expired: string[] = [];
    const deadline = new ShutdownDeadline(15_000, (step) => expired.push(step));
    deadline.arm();
    deadline.step('closing the event store');

    jest.advanceTimersByTime(14_999);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(expired).toEqual(['closing the event store']);
  });

  it('given no signal, when steps are named, then no clock runs and nothing is reported', () => {
    const expired: string[] = [];
    const deadline = new ShutdownDeadline(15_000, (step) => expired.push(step));
    deadline.step('closing the event store');

    jest.advanceTimersByTime(60_000);
    expect(expired).toEqual([]);
  });

  it('given a second signal, when armed again, then the first clock still decides', () => {
    const expired: string[] = [];
    const deadline = new ShutdownDeadline(15_000, (step) => expired.push(step));
    deadline.arm();
    jest.advanceTimersByTime(10_000);
    deadline.arm();
    jest.advanceTimersByTime(5_000);
    expect(expired).toEqual(['not started']);
  });
});
