/**
 * The `--iteration-timeout` of one user slot: races an iteration against its time limit. One
 * timer per slot, re-armed with `refresh()` at each iteration rather than made anew, and unref'd
 * (the engine keeps the process alive while a run lasts). After an iteration that ended in time
 * the timer may still fire once; with no race waiting, that does nothing. A timer that fired is
 * re-armed by `refresh()` too, so the slot keeps its one timer after a timeout.
 */
export class IterationDeadline {
  private timer: NodeJS.Timeout | undefined;
  private settle: ((inTime: boolean) => void) | undefined;

  constructor(readonly ms: number) {}

  /** Resolves true when `work` settles within the limit, false when the limit passes first. */
  race(work: Promise<void>): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      this.settle = resolve;
      if (this.timer === undefined) this.timer = setTimeout(this.expire, this.ms).unref();
      else this.timer.refresh();
      void work.then(() => this.finish(resolve, true));
    });
  }

  private readonly expire = (): void => {
    const settle = this.settle;
    if (settle !== undefined) this.finish(settle, false);
  };

  private finish(resolve: (inTime: boolean) => void, inTime: boolean): void {
    // Only the race still waiting is settled: a late `work` of an abandoned iteration is ignored.
    if (this.settle !== resolve) return;
    this.settle = undefined;
    resolve(inTime);
  }
}

/** The failure reason of an iteration that ran past the limit, as `failureReasons` shows it. */
export function iterationTimeoutReason(ms: number): string {
  return `iteration timeout: still running after ${ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`}`;
}
