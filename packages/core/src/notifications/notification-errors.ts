import type { ErrorCategory } from '../contracts/metrics.js';

/**
 * Why a `ctx.notifications.waitFor` rejected. `failureReason` (what the results count the
 * iteration's failure under) names no key, so a run over many ids counts one reason.
 */
export class NotificationWaitError extends Error {
  /** `timeout`, or `interrupted` when the run was cut short while waiting. */
  readonly category: ErrorCategory;
  readonly failureReason: string;

  constructor(
    category: 'timeout' | 'interrupted',
    /** The key waited for. */
    readonly key: string,
    /** How long it waited, in milliseconds. */
    readonly waitedMs: number,
    limitText: string,
  ) {
    const what = category === 'timeout' ? `no notification within ${limitText}` : 'the run was cut short';
    super(`${category}: waiting for the notification ${JSON.stringify(key)}: ${what}`);
    this.name = 'NotificationWaitError';
    this.category = category;
    this.failureReason = `${category}: waiting for a notification: ${what}`;
  }
}

/** `10s`, `1.5s` or `250ms`, as the messages above show a limit. */
export function formatWait(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
