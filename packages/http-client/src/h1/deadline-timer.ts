import { now } from '../clock.js';

/** What the timer checks: fails what is past its deadline and tells the next deadline. */
export interface Expiring {
  /**
   * Fails the requests whose deadline is at or before `now`; returns the earliest deadline of the
   * requests still in flight or queued, or Infinity when there are none.
   */
  expire(now: number): number;
}

/**
 * Timeouts without a timer per request: one timer per pool, armed for the earliest deadline in
 * flight. A request due no sooner than that one (the usual case: the same timeout, sent later)
 * costs one comparison. When the timer fires, the pool fails what is past its deadline, and the
 * timer re-arms for the next deadline or stops when nothing is in flight. So a run wakes for
 * timeouts about once per timeout period, not every few milliseconds, which a low rate would
 * pay for. Unref'd: it never keeps the process alive by itself (a request in flight has a socket
 * that does).
 */
export class DeadlineTimer {
  private timer: NodeJS.Timeout | undefined = undefined;
  /** The deadline the timer is armed for; Infinity while it is not. */
  private armedFor = Infinity;

  constructor(private readonly target: Expiring) {}

  /** A request due at `deadline` (a `performance.now()` time) is in flight or queued. */
  watch(deadline: number): void {
    if (deadline < this.armedFor) this.arm(deadline, now());
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  /** @internal the timer's callback. */
  fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const time = now();
    const next = this.target.expire(time);
    if (next !== Infinity) this.arm(next, time);
  }

  private arm(deadline: number, now: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.armedFor = deadline;
    // Rounded up: a timer may still fire a little early against performance.now(), and then
    // `fire` finds nothing due and re-arms for the rest.
    this.timer = setTimeout(fire, Math.max(1, Math.ceil(deadline - now)), this);
    this.timer.unref();
  }
}

/** Module-level, so arming needs no closure: the timer travels as its argument. */
function fire(timer: DeadlineTimer): void {
  timer.fire();
}
