/** Most distinct failure reasons kept per workflow, the catch-all included. */
export const MAX_FAILURE_REASONS = 50;

/** Where reasons beyond {@link MAX_FAILURE_REASONS} are counted. */
export const OTHER_REASON = 'other';

/**
 * Counts why iterations failed. Reasons often embed ids or messages that vary without end, so
 * after 49 distinct reasons every new one is counted under `other`: at most 50 keys, and the
 * counts still sum to the failures.
 */
export class FailureReasons {
  private readonly counts = new Map<string, number>();

  record(reason: string): void {
    const seen = this.counts.get(reason);
    if (seen !== undefined) this.counts.set(reason, seen + 1);
    else if (this.counts.size < MAX_FAILURE_REASONS - 1 || reason === OTHER_REASON) this.counts.set(reason, 1);
    else this.counts.set(OTHER_REASON, (this.counts.get(OTHER_REASON) ?? 0) + 1);
  }

  /** Counts by reason, in the order first seen. */
  toRecord(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
