import { ConfigError } from '@go-heavy/config';

/** A DNS-1123 label, as Kubernetes requires of names, namespaces and label values here. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A resource quantity: `500m`, `1`, `1.5`, `512Mi`, `2G`, `1e3`. */
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][-+]?\d+)?$/;

/**
 * A name Kubernetes accepts as a DNS-1123 label of at most `max` characters, or a usage error of
 * one line naming the flag. `max` leaves room for what go-heavy appends (`go-heavy-`, `-collect`).
 */
export function dnsLabel(flag: string, value: string, max = 63): string {
  if (!DNS_LABEL.test(value) || value.length > max) {
    throw new ConfigError(
      `${flag}: expected lower-case letters, digits and '-', starting and ending with a letter or digit, at most ${max} characters (a Kubernetes name), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A Kubernetes resource quantity (`500m`, `2`, `512Mi`), or a usage error naming the flag. */
export function quantity(flag: string, value: string): string {
  if (!QUANTITY.test(value.trim())) {
    throw new ConfigError(`${flag}: expected a Kubernetes quantity like ${flag.includes('cpu') ? '500m or 2' : '512Mi or 2Gi'}, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

/** A whole number in `[1, max]`, or a usage error naming the flag. */
export function wholeNumber(flag: string, value: string | number | undefined, max: number): number {
  const text = String(value ?? '').trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new ConfigError(`${flag}: expected a whole number from 1 to ${max}, got ${JSON.stringify(value ?? '')}`);
  return n;
}

/** A container image reference: no spaces, not empty. */
export function imageRef(flag: string, value: string): string {
  if (value.trim() === '' || /\s/.test(value)) throw new ConfigError(`${flag}: expected an image such as registry.example.com/go-heavy:0.1.0, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * An argument as Kubernetes should pass it: `$(NAME)` in a container's `args` is expanded from
 * its environment, and `$$` is how a literal `$` survives, so a user's `$(` is doubled.
 */
export function literalArg(arg: string): string {
  return arg.replace(/\$\(/g, '$$$$(');
}
