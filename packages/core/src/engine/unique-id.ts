import { randomBytes } from 'node:crypto';

/** Random per process, so that workers and machines of one test never hand out the same id. */
const PREFIX = randomBytes(6).toString('base64url');
let counter = 0;

/** `ctx.uniqueId()`: the process's prefix and a counter in base 36. */
export function uniqueId(): string {
  return `${PREFIX}-${(counter++).toString(36)}`;
}
