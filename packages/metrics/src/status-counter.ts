import type { StatusClasses } from '@go-heavy/core';

/** Status codes below this are counted in a flat array; anything else (rare) in a map. */
const STATUS_SLOTS = 600;

/**
 * Responses by status code and failures without a response by category. The hot path increments
 * a typed-array slot or a map entry; the records of the results are built only at snapshot time.
 */
export class StatusCounter {
  readonly codes = new Uint32Array(STATUS_SLOTS);
  /** Codes outside 0..599, which no well-behaved server sends. */
  readonly unusualCodes = new Map<number, number>();
  /** Failures without a status code, by category, in the order first seen. */
  readonly errors = new Map<string, number>();

  recordStatus(status: number): void {
    if (status >= 0 && status < STATUS_SLOTS) this.codes[status | 0]++;
    else this.unusualCodes.set(status, (this.unusualCodes.get(status) ?? 0) + 1);
  }

  recordError(category: string): void {
    this.errors.set(category, (this.errors.get(category) ?? 0) + 1);
  }

  /** Adds this counter into `into`: how steps and workflows roll up their requests. */
  addInto(into: StatusCounter): void {
    for (let i = 0; i < STATUS_SLOTS; i++) into.codes[i] += this.codes[i];
    for (const [code, n] of this.unusualCodes) into.unusualCodes.set(code, (into.unusualCodes.get(code) ?? 0) + n);
    for (const [category, n] of this.errors) into.errors.set(category, (into.errors.get(category) ?? 0) + n);
  }

  /** Responses by the first digit of their code; codes outside 100..599 belong to no class. */
  statusClasses(): StatusClasses {
    const classes: StatusClasses = { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
    const keys = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
    for (let c = 1; c <= 5; c++) {
      let sum = 0;
      for (let i = c * 100; i < c * 100 + 100; i++) sum += this.codes[i];
      classes[keys[c - 1]] = sum;
    }
    return classes;
  }

  /** Counts by code, codes never seen left out: `{ "200": 10, "404": 1 }` (JS orders integer keys ascending). */
  statusCodes(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < STATUS_SLOTS; i++) if (this.codes[i] > 0) out[String(i)] = this.codes[i];
    for (const [code, n] of this.unusualCodes) out[String(code)] = n;
    return out;
  }

  /** Counts by error category, in the order first seen. */
  errorCounts(): Record<string, number> {
    return Object.fromEntries(this.errors);
  }
}
