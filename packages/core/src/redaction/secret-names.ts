/**
 * Which environment variables hold secrets, by name (case-insensitive). A name is secret when it
 * - ends with `TOKEN`, `SECRET`, `PASSWORD`, `PASSWD`, `PASS`, `PWD`, `KEY`, `APIKEY` or `AUTH`
 *   as a word of its own (`API_TOKEN`, `CLIENT_SECRET`, `DB_PASS`, `STRIPE_KEY`, `APIKEY`,
 *   `API_KEY`, `NPM_CONFIG__AUTH`);
 * - has `SECRET` or `PASSWORD` as a word anywhere (`SECRET_KEY_BASE`, `PASSWORD_HASH_PEPPER`);
 * - starts with `AUTH` as a word, `AUTHORIZATION`, `AUTHTOKEN` or `AUTHKEY` (`AUTH`,
 *   `AUTH_HEADER`, `AUTHORIZATION_VALUE`; not `AUTHOR`);
 * - contains `CREDENTIAL` (`GOOGLE_APPLICATION_CREDENTIALS`, `CREDENTIALS_JSON`);
 * - contains `PRIVATE_KEY` (`JWT_PRIVATE_KEY_PEM`).
 * Words are separated by `_`, `-` or `.`. The shell's `PWD` and `OLDPWD` (the current and the
 * previous folder) are not secrets, whatever the patterns say.
 */
export const SECRET_NAME_PATTERNS: readonly RegExp[] = [
  /(^|[_.-])(TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|KEY|APIKEY|AUTH)$/i,
  /(^|[_.-])(SECRET|PASSWORD)([_.-]|$)/i,
  /^AUTH([_.-]|$|ORIZATION|TOKEN|KEY)/i,
  /CREDENTIAL/i,
  /PRIVATE[_.-]?KEY/i,
];

/**
 * Values shorter than this are never treated as secrets: replacing every `abc` or `42` in a
 * report would mangle unrelated text, and a secret that short protects nothing anyway.
 */
export const MIN_SECRET_LENGTH = 4;

/** Values that are settings, not secrets, even under a secret-looking name (`AUTH_ENABLED=true`). */
const NOT_SECRET: ReadonlySet<string> = new Set(['true', 'false', 'null', 'none', 'undefined', 'disabled', 'enabled']);

/** Names the patterns match that are well-known settings, not secrets. */
const NOT_SECRET_NAMES: ReadonlySet<string> = new Set(['PWD', 'OLDPWD']);

/** Whether an environment variable of this name holds a secret ({@link SECRET_NAME_PATTERNS}). */
export function isSecretName(name: string): boolean {
  return !NOT_SECRET_NAMES.has(name.toUpperCase()) && SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name));
}

/**
 * The values of the secret-named variables of these environments (env files and the process
 * environment, as loaded), without the short ones and plain settings: what a {@link Redactor}
 * hides.
 */
export function secretValues(envs: Iterable<Readonly<Record<string, string | undefined>>>): string[] {
  const values = new Set<string>();
  for (const env of envs) {
    for (const name in env) {
      const value = env[name];
      if (value === undefined || value.length < MIN_SECRET_LENGTH || NOT_SECRET.has(value.toLowerCase()) || !isSecretName(name)) continue;
      values.add(value);
    }
  }
  return [...values];
}
