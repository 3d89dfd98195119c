import { MIN_SECRET_LENGTH } from './secret-names.js';

/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/**
 * Hides secret values in text before it is written anywhere: results, reports, history, logs.
 * Built once per run from the environment (see `secretValues`); called where a text is first
 * kept (a failure reason, a check name, an endpoint, a log line), never per request.
 */
export interface Redactor {
  /**
   * The forms of the secrets it looks for, longest first: each value as it is, JSON-escaped and
   * URL-encoded (when those differ). Empty when nothing is redacted.
   */
  readonly values: readonly string[];
  /** `text` with every occurrence of a secret replaced by {@link REDACTED}. */
  text(text: string): string;
  /**
   * Like {@link text}, for a text that may have been cut short (a message kept to its first
   * 200 characters): a start of a secret, of at least {@link MIN_SECRET_LENGTH} characters,
   * left at its very end is replaced too.
   */
  clipped(text: string): string;
}

/** The forms a secret takes in what we write: as is, inside a JSON string, inside a URL. */
function formsOf(value: string): string[] {
  return [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
}

class SecretRedactor implements Redactor {
  readonly values: readonly string[];

  constructor(secrets: Iterable<string>) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
      for (const form of formsOf(secret)) forms.add(form);
    }
    // Longest first: a secret that contains another is replaced whole.
    this.values = [...forms].sort((a, b) => b.length - a.length);
  }

  text(text: string): string {
    for (const value of this.values) {
      if (text.includes(value)) text = text.replaceAll(value, REDACTED);
    }
    return text;
  }

  clipped(text: string): string {
    text = this.text(text);
    for (const value of this.values) {
      // The longest start of `value` that `text` ends with, if long enough to mean something.
      for (let n = Math.min(value.length - 1, text.length); n >= MIN_SECRET_LENGTH; n--) {
        if (endsWithStartOf(text, value, n)) return text.slice(0, text.length - n) + REDACTED;
      }
    }
    return text;
  }
}

/** Whether `text` ends with the first `n` characters of `value` (compared in place). */
function endsWithStartOf(text: string, value: string, n: number): boolean {
  const from = text.length - n;
  for (let i = 0; i < n; i++) if (text.charCodeAt(from + i) !== value.charCodeAt(i)) return false;
  return true;
}

/** A redactor hiding these secret values (values shorter than {@link MIN_SECRET_LENGTH} are ignored). */
export function createRedactor(secrets: Iterable<string>): Redactor {
  return new SecretRedactor(secrets);
}

/** Redacts nothing: `--show-secrets`, or a caller with no secrets. */
export const NO_REDACTION: Redactor = Object.freeze({
  values: Object.freeze([]) as readonly string[],
  text: (text: string) => text,
  clipped: (text: string) => text,
});
