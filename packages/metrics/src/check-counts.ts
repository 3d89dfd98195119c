import { NO_REDACTION, type CheckResult, type Redactor } from '@go-heavy/core';

/** Counts of one named check. */
export interface CheckCounter {
  passed: number;
  failed: number;
}

/**
 * How often each named `ctx.check` held, for a workflow or a step. Names are redacted once, when
 * first seen; names that read the same once redacted share one count.
 */
export class CheckCounts {
  /** Counts by check name as shown (redacted); `byName` finds them by the name as given. */
  readonly shown = new Map<string, CheckCounter>();
  private readonly byName = new Map<string, CheckCounter>();

  constructor(private readonly redactor: Redactor = NO_REDACTION) {}

  record(name: string, ok: boolean): void {
    let check = this.byName.get(name);
    if (check === undefined) {
      const shown = this.redactor.text(name);
      check = this.shown.get(shown);
      if (check === undefined) {
        check = { passed: 0, failed: 0 };
        this.shown.set(shown, check);
      }
      this.byName.set(name, check);
    }
    if (ok) check.passed++;
    else check.failed++;
  }

  /** The checks as the results list them, in the order first seen. */
  toResults(): CheckResult[] {
    return [...this.shown].map(([name, c]) => ({ name, passed: c.passed, failed: c.failed }));
  }
}
