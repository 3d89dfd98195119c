type Listener = () => void;

/** Largest delay Node's timers accept; beyond it they fire after 1 ms. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Returns `ms` when it is a usable timeout, else throws a RangeError saying why. */
export function checkTimeout(ms: number): number {
  if (!(ms > 0 && ms <= MAX_TIMEOUT_MS)) {
    throw new RangeError(`timeoutMs must be a number of milliseconds above 0, got ${ms}`);
  }
  return ms;
}

/** The reason a request is aborted when its deadline passes. Categorised as `timeout`. */
export class DeadlineExceededError extends Error {
  readonly code = 'GO_HEAVY_DEADLINE';

  constructor(timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * One request's timeout: the argument of its timer and the abort signal undici listens to.
 * undici takes any object with `addEventListener`, so this replaces an AbortController and its
 * AbortSignal (an EventTarget) with one small object. Node keeps timers of equal duration in one
 * list, so arming and clearing one is O(1).
 */
export class Deadline {
  /** Read by undici when the request is made; part of the signal shape it expects. */
  aborted = false;
  /** The error undici rejects with (or destroys the body with) once the deadline passed. */
  reason: DeadlineExceededError | undefined = undefined;
  private listener: Listener | undefined = undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly timeoutMs: number) {
    this.timer = setTimeout(expire, timeoutMs, this);
  }

  /** Called by undici once per request, for the `abort` event. */
  addEventListener(_type: 'abort', listener: Listener): void {
    this.listener = listener;
  }

  removeEventListener(_type: 'abort', _listener: Listener): void {
    this.listener = undefined;
  }

  /** The request ended in time: drops the timer. */
  clear(): void {
    clearTimeout(this.timer);
  }

  /** @internal the timer's callback. */
  expire(): void {
    this.aborted = true;
    this.reason = new DeadlineExceededError(this.timeoutMs);
    this.listener?.();
  }
}

/** Module-level so the timer needs no closure: `this` travels as the timer's argument. */
function expire(deadline: Deadline): void {
  deadline.expire();
}
