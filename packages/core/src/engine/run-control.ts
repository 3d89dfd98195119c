import { setMaxListeners } from 'node:events';

/**
 * The two stages of stopping: `stopping` (no new iterations start) and `aborted` (running ones
 * are cut short). Shared by the engine, the executors and every user context.
 */
export class RunControl {
  private readonly stopController = newController();
  private readonly abortController = newController();
  private stopped: Promise<void> | undefined;
  private cut: Promise<void> | undefined;

  /** Aborted when running iterations must end now. */
  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  /** Aborted when no new iteration may start: executors wake on it. */
  get stopSignal(): AbortSignal {
    return this.stopController.signal;
  }

  get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  get aborted(): boolean {
    return this.abortController.signal.aborted;
  }

  /** No new iterations from now on. Idempotent. */
  stop(): void {
    if (!this.stopping) this.stopController.abort();
  }

  /** Stop and cut running iterations short. Idempotent. */
  abort(): void {
    this.stop();
    if (!this.aborted) this.abortController.abort();
  }

  /** Resolves when `abort()` is called. */
  whenAborted(): Promise<void> {
    this.cut ??= this.aborted ? Promise.resolve() : new Promise((resolve) => this.signal.addEventListener('abort', () => resolve(), { once: true }));
    return this.cut;
  }

  /** Resolves when `stop()` is called. */
  whenStopped(): Promise<void> {
    this.stopped ??= this.stopping ? Promise.resolve() : new Promise((resolve) => this.stopSignal.addEventListener('abort', () => resolve(), { once: true }));
    return this.stopped;
  }
}

/** Every sleeping user listens on the one signal: lift Node's leak warning meant for one-offs. */
function newController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
