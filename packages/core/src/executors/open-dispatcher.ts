import type { OpenLoad } from '../contracts/run-plan.js';
import { integrate } from '../profile.js';
import type { ExecutorTiming, IterationDone, IterationSource } from './executor.js';
import { now } from '../clock.js';

/** Starts are planned per slot of this length, as f1 does, then spread within it. */
export const SLOT_MS = 100;

/**
 * The most iterations started in one go before I/O gets a turn. A wake that comes late (a busy
 * machine) finds many starts due: started all at once, none of their answers could be read
 * meanwhile, so each would open one more connection and cost more CPU, and the run falls further
 * behind. In turns, answers free connections that the next starts reuse.
 */
const STARTS_PER_TURN = 32;

/**
 * How far ahead of the clock slots may be planned, in slots: empty slots (a low or zero rate)
 * are skipped without a wake each, while an endless zero rate still wakes only once a second.
 */
const PLAN_AHEAD_SLOTS = 10;

/** Why an open schedule ended: its timeline reached `endMs`, the run stopped, or the budget was spent. */
export type ScheduleEnd = 'end' | 'stopped' | 'spent';

/** Places `count` intended starts of one slot into `out` (see placeStarts in open.ts). */
export type PlaceStarts = (count: number, out: Float64Array) => number;

/**
 * The open model's dispatcher: one timer, armed for the next intended start (at least 1 ms
 * away), that on each wake starts every iteration now due, right after the loop read that turn's
 * I/O (so finished requests free their connections first). Nothing polls the event loop, so the
 * CPU it costs follows the rate: at 10/s it wakes about 10 times a second, above 1 000/s at most
 * once per millisecond with several starts per wake. An iteration that ends (the loop is awake
 * for its I/O anyway) also starts what is due, so under load most starts need no wake of their
 * own. Each start is measured from its intended time (the lag of a late wake is in it), and a
 * start that finds every slot busy is dropped and counted, never delayed.
 */
export class OpenDispatcher {
  /** Promises of the two ends: the schedule's (no more starts) and the last iteration's. */
  readonly scheduled: Promise<ScheduleEnd>;
  readonly done: Promise<void>;
  private resolveScheduled!: (end: ScheduleEnd) => void;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;

  /** Free executor slots, a stack: the most recently freed (warm context, open connection) first. */
  private readonly free: number[] = [];
  /** One completion callback per slot, made once: no closure per iteration. */
  private readonly finishers: IterationDone[] = [];
  private running = 0;
  private ended = false;

  /** The current planning slot: its index, absolute start, planned offsets and the next to dispatch. */
  private k = -1;
  private slotStart = 0;
  private starts = new Float64Array(64);
  private count = 0;
  private next = 0;
  private carry = 0;

  /** The one pending timer, the time it wakes for; `tick` re-arms 1 ms waits without a new Timeout. */
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private tick: NodeJS.Timeout | undefined;
  /** Pending instead of the timer when starts are due but I/O gets a turn first. */
  private immediate: NodeJS.Immediate | undefined;
  private readonly onStop = (): void => this.end('stopped');

  constructor(
    private readonly load: OpenLoad,
    private readonly source: IterationSource,
    private readonly timing: ExecutorTiming,
    private readonly place: PlaceStarts,
  ) {
    this.scheduled = new Promise((resolve) => (this.resolveScheduled = resolve));
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    for (let slot = load.maxUsers - 1; slot >= 0; slot--) this.free.push(slot);
  }

  /** Begins dispatching; call once. */
  start(): void {
    if (this.timing.stopSignal.aborted) return this.end('stopped');
    this.timing.stopSignal.addEventListener('abort', this.onStop, { once: true });
    this.dispatch();
  }

  /**
   * The timer fired. Timers run before the loop reads I/O: starting now, the answers already
   * waiting in sockets would still hold their connections, and every start would open a new one
   * (as many as the wake was late by). Start right after this turn's I/O instead.
   */
  private readonly wake = (): void => {
    this.timer = undefined;
    if (this.ended) return;
    // Nothing running, no answer to wait for (a low rate, mostly): start now, in this wake.
    if (this.running === 0) return this.dispatch();
    this.wakeAt = -Infinity;
    this.immediate = setImmediate(this.resume);
  };

  private readonly resume = (): void => {
    this.immediate = undefined;
    if (!this.ended) this.dispatch();
  };

  /** Starts every iteration due, then arms the timer for what comes next (or ends). */
  private dispatch(): void {
    const { t0, endMs } = this.timing;
    let time = now();
    let started = 0;
    for (;;) {
      if (this.next === this.count) {
        // The slot is spent: plan the next one, at most PLAN_AHEAD_SLOTS ahead of the clock.
        const k = this.k + 1;
        if (k * SLOT_MS >= endMs) return this.endAt(t0 + endMs, time);
        const planAt = t0 + (k - PLAN_AHEAD_SLOTS) * SLOT_MS;
        if (planAt > time && planAt > (time = now())) return this.arm(planAt, time);
        this.plan(k);
        continue;
      }
      const intended = this.slotStart + this.starts[this.next]!;
      if (intended - t0 >= endMs) return this.endAt(t0 + endMs, time);
      // Work done in this wake moved the clock: read it again before sleeping.
      if (intended > time && intended > (time = now())) return this.arm(intended, time);
      this.next++;
      if (this.free.length === 0) {
        if (!this.source.active()) return this.end(this.timing.stopSignal.aborted ? 'stopped' : 'spent');
        this.source.dropped();
        continue;
      }
      if (!this.source.tryStart()) return this.end(this.timing.stopSignal.aborted ? 'stopped' : 'spent');
      const slot = this.free.pop()!;
      this.running++;
      this.source.runIteration(slot, intended, (this.finishers[slot] ??= (error) => this.finish(slot, error)));
      if (++started === STARTS_PER_TURN) return this.yieldTurn();
    }
  }

  /** Lets I/O run (answers free connections), then goes on with the starts due. */
  private yieldTurn(): void {
    this.disarm();
    this.wakeAt = -Infinity;
    this.immediate = setImmediate(this.resume);
  }

  /** Plans slot `k`: the starts the profile integrates to over it (fractions carry over). */
  private plan(k: number): void {
    const planned = integrate(this.load.rate, k * SLOT_MS, (k + 1) * SLOT_MS) + this.carry;
    const count = Math.floor(planned + 1e-9);
    this.carry = planned - count;
    if (count > this.starts.length) this.starts = new Float64Array(count * 2);
    this.k = k;
    this.slotStart = this.timing.t0 + k * SLOT_MS;
    this.count = count === 0 ? 0 : this.place(count, this.starts);
    this.next = 0;
  }

  /**
   * Sleeps until `at`, then wakes: whole milliseconds (Node's timer granularity), rounded up so
   * that one wake is normally enough (rounded down, a start 100 ms away woke twice: once just
   * before it and once more on a 1 ms tick).
   */
  private arm(at: number, now: number): void {
    if (this.timer && this.wakeAt === at) return;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    this.wakeAt = at;
    const ms = Math.max(1, Math.ceil(at - now));
    if (ms === 1 && this.tick) {
      // Re-arms the tick whether it is pending or has fired.
      if (this.timer !== this.tick) this.disarm();
      this.tick.refresh();
      this.timer = this.tick;
      return;
    }
    this.disarm();
    this.timer = setTimeout(this.wake, ms);
    if (ms === 1) this.tick = this.timer;
  }

  private disarm(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    // A cleared Timeout cannot be refreshed: make a new tick next time.
    if (this.timer === this.tick) this.tick = undefined;
    this.timer = undefined;
  }

  /** The timeline ends at `at`: the schedule holds until then, so the run lasts its duration. */
  private endAt(at: number, now: number): void {
    if (at > now) return this.arm(at, now);
    this.end(this.source.active() ? 'end' : this.timing.stopSignal.aborted ? 'stopped' : 'spent');
  }

  private end(why: ScheduleEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.disarm();
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    this.wakeAt = Infinity;
    this.timing.stopSignal.removeEventListener('abort', this.onStop);
    this.resolveScheduled(why);
    if (this.running === 0) this.resolveDone();
  }

  private finish(slot: number, error: unknown): void {
    // Recording the iteration failed: a bug, which fails the run rather than going unnoticed.
    if (error !== undefined) this.rejectDone(error);
    this.free.push(slot);
    if (--this.running === 0 && this.ended) return this.resolveDone();
    // The loop is awake for this iteration's I/O: start what is due now rather than on a wake
    // (unless a turn of starts is already queued behind I/O).
    if (!this.ended && this.immediate === undefined && this.wakeAt <= now()) this.dispatch();
  }
}
