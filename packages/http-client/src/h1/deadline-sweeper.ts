/** How often in-flight requests are checked against their deadline: the timeout's precision. */
const SWEEP_INTERVAL_MS = 10;

/** What the sweeper checks: fails what is past its deadline and says whether anything is in flight. */
export interface Expiring {
  /** Fails the requests whose deadline is at or before `now`; returns true while requests remain. */
  expire(now: number): boolean;
}

/**
 * Timeouts without a timer per request: one interval, started with the first request in flight
 * and stopped at the first tick that finds none, checks every `SWEEP_INTERVAL_MS` for requests
 * past their deadline. Unref'd, so it never keeps the process alive by itself (a request in
 * flight has a socket that does).
 */
export class DeadlineSweeper {
  private timer: NodeJS.Timeout | undefined = undefined;

  constructor(private readonly target: Expiring) {}

  /** Makes sure the interval runs; cheap when it already does. */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(tick, SWEEP_INTERVAL_MS, this);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** @internal the interval's callback. */
  tick(): void {
    if (!this.target.expire(performance.now())) this.stop();
  }
}

/** Module-level, so the interval needs no closure: the sweeper travels as its argument. */
function tick(sweeper: DeadlineSweeper): void {
  sweeper.tick();
}
