import { setMaxListeners } from 'node:events';

/**
 * The two stages of stopping: `stopping` (no new iterations start) and `aborted` (running ones
 * are cut short). Shared by the engine, the executors and every user context.
 */
export class RunControl {
  private readonly abortController = newController();
  private stopRequested = false;
  private stopListeners: Array<() => void> = [];

  /** Aborted when running iterations must end now. */
  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  get aborted(): boolean {
    return this.abortController.signal.aborted;
  }

  /** No new iterations from now on. Idempotent. */
  stop(): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    const listeners = this.stopListeners;
    this.stopListeners = [];
    for (const listener of listeners) listener();
  }

  /** Stop and cut running iterations short. Idempotent. */
  abort(): void {
    this.stop();
    if (!this.aborted) this.abortController.abort();
  }

  /** Resolves when `stop()` is called. */
  whenStopped(): Promise<void> {
    if (this.stopRequested) return Promise.resolve();
    return new Promise((resolve) => this.stopListeners.push(resolve));
  }
}

/** Every sleeping user listens on the one signal: lift Node's leak warning meant for one-offs. */
function newController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
