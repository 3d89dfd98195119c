import { NO_REDACTION, type Redactor } from '@go-heavy/core';

/** Most distinct failure reasons kept per workflow, the catch-all included. */
export const MAX_FAILURE_REASONS = 50;

/** Where reasons beyond {@link MAX_FAILURE_REASONS} are counted. */
export const OTHER_REASON = 'other';

/** Reasons as recorded (before redaction) remembered for a quick count; the rest are redacted again. */
const MAX_REMEMBERED = 4 * MAX_FAILURE_REASONS;

/** The count of one reason as shown: reasons that read the same once redacted share one. */
interface ReasonCount {
  count: number;
}

/**
 * Counts why iterations failed. Reasons often embed ids or messages that vary without end, so
 * after 49 distinct reasons every new one is counted under `other`: at most 50 keys, and the
 * counts still sum to the failures. A reason is redacted once, when first seen (reasons may be
 * cut short, hence `clipped`); later failures for the same reason only bump its count.
 */
export class FailureReasons {
  /** Reason as recorded -> its count, under its redacted text in `shown`. */
  private readonly byReason = new Map<string, ReasonCount>();
  private readonly shown = new Map<string, ReasonCount>();

  constructor(private readonly redactor: Redactor = NO_REDACTION) {}

  record(reason: string): void {
    let entry = this.byReason.get(reason);
    if (entry === undefined) {
      const text = this.redactor.clipped(reason);
      entry = this.shown.get(text);
      if (entry === undefined) {
        const full = this.shown.size >= MAX_FAILURE_REASONS - 1 && text !== OTHER_REASON;
        entry = full ? this.otherCount() : { count: 0 };
        if (!full) this.shown.set(text, entry);
      }
      // Once full, reasons beyond the cap are not remembered one by one: they all land in `other`.
      if (this.byReason.size < MAX_REMEMBERED) this.byReason.set(reason, entry);
    }
    entry.count++;
  }

  /** Counts by reason, in the order first seen. */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [text, entry] of this.shown) out[text] = entry.count;
    return out;
  }

  private otherCount(): ReasonCount {
    let other = this.shown.get(OTHER_REASON);
    if (other === undefined) {
      other = { count: 0 };
      this.shown.set(OTHER_REASON, other);
    }
    return other;
  }
}
