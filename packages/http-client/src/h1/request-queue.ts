import type { H1Request } from './h1-request.js';

/** Leading free slots tolerated before the array is compacted. */
const COMPACT_AFTER = 1024;

/** First in, first out: the requests waiting for a connection of a full pool. */
export class RequestQueue {
  private items: H1Request[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(request: H1Request): void {
    this.items.push(request);
  }

  /** The oldest request; only call when `length > 0`. */
  shift(): H1Request {
    const request = this.items[this.head]!;
    this.items[this.head++] = undefined as unknown as H1Request;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return request;
  }

  /** Takes out and returns the requests for which `expired` is true, keeping the others' order. */
  removeWhere(expired: (request: H1Request) => boolean): H1Request[] {
    const removed: H1Request[] = [];
    const kept: H1Request[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const request = this.items[i]!;
      (expired(request) ? removed : kept).push(request);
    }
    if (removed.length > 0) {
      this.items = kept;
      this.head = 0;
    }
    return removed;
  }

  /** The earliest deadline of the queued requests, or Infinity when there are none. */
  earliestDeadline(): number {
    let earliest = Infinity;
    for (let i = this.head; i < this.items.length; i++) earliest = Math.min(earliest, this.items[i]!.deadline);
    return earliest;
  }

  /** Takes out every request. */
  drain(): H1Request[] {
    const all = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return all;
  }
}
