/**
 * A bound on the projector's shutdown. Every batch it writes is atomic with
 * its checkpoint (a projector killed mid-stream resumes from it: scale-out
 * e2e), so exiting with a step unfinished loses nothing; a step that never
 * finishes (a client awaiting a connection that is down) must not keep the
 * process running after SIGTERM, nor may a handle left open. Once armed,
 * `onExpired` gets the step under way when `msMax` has passed; it is never
 * disarmed, since a process that has exited needs no clock.
 */
export class ShutdownDeadline {
  private timer: NodeJS.Timeout | undefined;
  private current = 'not started';

  constructor(
    private readonly msMax: number,
    private readonly onExpired: (step: string) => void,
  ) {}

  /** Starts the clock; arming again changes nothing. */
  arm(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.onExpired(this.current), this.msMax);
    // Never itself the reason the process stays alive.
    this.timer.unref();
  }

  /** Names the step under way, for the report if the clock runs out. */
  step(name: string): void {
    this.current = name;
  }
}
