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
  private readonly free: number[] = [];

  constructor(
    readonly unique: boolean,
    size: number,
    private readonly createJar: () => CookieJar,
  ) {
    if (unique) for (let id = size - 1; id >= 0; id--) this.free.push(id);
  }

  /** The identity for an iteration on `slot`; give it back with {@link release}. */
  acquire(slot: number): Identity {
    const id = this.unique ? this.free.pop() : slot;
    // Concurrency never exceeds the unique users (config caps it), so a free identity exists.
    if (id === undefined) throw new Error('no free user identity: concurrency exceeds --unique-users');
    return (this.identities[id] ??= { id, state: {}, initialized: false, cookies: this.createJar() });
  }

  release(identity: Identity): void {
    if (this.unique) this.free.push(identity.id);
  }
}
