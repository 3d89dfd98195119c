import { now } from '../clock.js';

/**
 * One timer for many deadlines (as the HTTP client's pool does for request timeouts): armed for
 * the earliest deadline known; when it fires, `fire(now)` handles what is due and returns the
 * next deadline, or Infinity. A deadline no sooner than the armed one costs a comparison.
 * Unref'd: the engine keeps the process alive while a run lasts.
 */
export class WakeTimer {
  private timer: NodeJS.Timeout | undefined = undefined;
  private armedFor = Infinity;

  constructor(private readonly onFire: (time: number) => number) {}

  /** Something is due at `deadline` (a `performance.now()` time). */
  watch(deadline: number): void {
    if (deadline < this.armedFor) this.arm(deadline, now());
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.armedFor = Infinity;
    const time = now();
    const next = this.onFire(time);
    if (next !== Infinity) this.arm(next, time);
  };

  private arm(deadline: number, time: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.armedFor = deadline;
    // Rounded up: a timer may fire a little early against performance.now(); then nothing is due and it re-arms.
    this.timer = setTimeout(this.fire, Math.max(1, Math.ceil(deadline - time)));
    this.timer.unref();
  }
}
