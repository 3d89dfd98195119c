import { createHash } from 'node:crypto';

/** The line that marks a generated file: `// go-heavy-openapi-sha256: <hash of the rest of the file>`. */
const HASH_LINE = /^(\/\/|#) go-heavy-openapi-sha256: ([0-9a-f]{16})\r?\n/m;

/** The content's fingerprint, without its hash line. */
function fingerprint(content: string): string {
  return createHash('sha256').update(content.replace(HASH_LINE, ''), 'utf8').digest('hex').slice(0, 16);
}

/**
 * `content` with its hash line filled in. `content` has the line with a placeholder: the first
 * line that is `<comment> go-heavy-openapi-sha256: 0000000000000000`.
 */
export function stamp(content: string): string {
  const hash = fingerprint(content);
  return content.replace(HASH_LINE, (_line, comment: string) => `${comment} go-heavy-openapi-sha256: ${hash}\n`);
}

/** The placeholder hash line for `comment` (`//` or `#`), replaced by {@link stamp}. */
export function hashLine(): string {
  return 'go-heavy-openapi-sha256: 0000000000000000';
}

/** What a file on disk is, seen by the generator. */
export type FileState =
  /** Its hash line matches its content: as generated, safe to rewrite. */
  | { kind: 'as-generated'; hash: string }
  /** It has a hash line that its content no longer matches: a person edited it. */
  | { kind: 'edited'; hash: string }
  /** No hash line: not written by the generator. */
  | { kind: 'foreign' };

/** Reads the hash line of an existing file and compares it with the file's content. */
export function fileState(content: string): FileState {
  const m = HASH_LINE.exec(content);
  if (!m) return { kind: 'foreign' };
  return m[2] === fingerprint(content) ? { kind: 'as-generated', hash: m[2]! } : { kind: 'edited', hash: m[2]! };
}

/** The hash a generated content records. */
export function recordedHash(content: string): string | undefined {
  return HASH_LINE.exec(content)?.[2];
}
