import type { CookieJar } from '../contracts/http-client.js';
import type { VirtualUser } from '../workflow.js';

/** A user identity with what the engine keeps for it. */
export interface Identity extends VirtualUser {
  initialized: boolean;
  readonly cookies: CookieJar;
}

/**
 * The identities of one workflow, handed out so that one never runs two iterations at once.
 * With unique users there are that many, shared by every executor slot; without, each slot
 * is one. An identity keeps its cookies and `state` for the whole test, so what `userInit`
 * set up (a session cookie, a token) serves every later iteration of that user.
 */
export class UserPool {
  private readonly identities: Identity[] = [];
  /** Free identities in a ring, oldest released first, so every identity takes its turn. */
  private readonly free: Int32Array;
  private head = 0;
  private count = 0;

  /**
   * `idBase` and `idStride` number the identities of a segment as the whole test's are dealt
   * out (`idBase`, `idBase + idStride`, …), so that segments never share an identity.
   */
  constructor(
    readonly unique: boolean,
    size: number,
    private readonly createJar: () => CookieJar,
    private readonly idBase = 0,
    private readonly idStride = 1,
  ) {
    this.free = new Int32Array(unique ? size : 0);
    if (unique) for (let id = 0; id < size; id++) this.free[this.count++] = id;
  }

  /** The identity for an iteration on `slot`; give it back with {@link release}. */
  acquire(slot: number): Identity {
    let id = slot;
    if (this.unique) {
      // Concurrency never exceeds the unique users (config caps it), so a free identity exists.
      if (this.count === 0) throw new Error('no free user identity: concurrency exceeds --unique-users');
      id = this.free[this.head]!;
      this.head = (this.head + 1) % this.free.length;
      this.count--;
    }
    return (this.identities[id] ??= { id: this.idBase + id * this.idStride, state: {}, initialized: false, cookies: this.createJar() });
  }

  release(identity: Identity): void {
    if (!this.unique) return;
    this.free[(this.head + this.count) % this.free.length] = (identity.id - this.idBase) / this.idStride;
    this.count++;
  }
}
