import { ConfigError } from '@go-heavy/config';
import { isDeepStrictEqual } from 'node:util';

/** Where a project may already list a package. */
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** What merging go-heavy's packages into an existing package.json gives. */
export interface PackageJsonMerge {
  /** The new text; equal to the old one when nothing was added. */
  text: string;
  /** Packages added to devDependencies. */
  added: string[];
  /** Packages already listed, with where: `go-heavy (dependencies: ^0.0.9)`. */
  kept: string[];
}

/**
 * Adds the `wanted` packages a package.json does not list yet to its devDependencies, by
 * inserting text: every other byte stays as it was (indent, inline arrays, key order, line ends),
 * and an entry already there is never changed, whatever its version. `file` names the file in errors.
 */
export function mergePackageJson(text: string, wanted: Record<string, string>, file: string): PackageJsonMerge {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message}): fix it, or move it away and run go-heavy init again`);
  }
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) throw new ConfigError(`${file}: expected a JSON object, as npm writes`);
  const record = pkg as Record<string, unknown>;
  const dev = record.devDependencies;
  if (dev !== undefined && (typeof dev !== 'object' || dev === null || Array.isArray(dev))) {
    throw new ConfigError(`${file}: devDependencies: expected an object of package names and versions`);
  }
  const kept: string[] = [];
  const added: Array<[string, string]> = [];
  for (const [name, range] of Object.entries(wanted)) {
    const field = DEPENDENCY_FIELDS.find((f) => typeof record[f] === 'object' && record[f] !== null && Object.hasOwn(record[f] as object, name));
    if (field) kept.push(`${name} (${field}: ${String((record[field] as Record<string, unknown>)[name])})`);
    else added.push([name, range]);
  }
  if (added.length === 0) return { text, added: [], kept };
  const expected = { ...record, devDependencies: { ...(dev as Record<string, unknown> | undefined), ...Object.fromEntries(added) } };
  let merged = insertDevDependencies(text, added);
  // The insertion works on the text as npm and editors write it; anything it did not foresee
  // (duplicate keys, say) falls back to a rewrite in the file's own indent.
  if (merged === undefined || !parsesTo(merged, expected)) merged = rewrite(text, expected);
  return { text: merged, added: added.map(([name]) => name), kept };
}

function parsesTo(text: string, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(text), expected);
  } catch {
    return false;
  }
}

function rewrite(text: string, value: unknown): string {
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? (text.includes('\n') ? '  ' : '');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = JSON.stringify(value, null, indent).replace(/\n/g, eol);
  return /\r?\n\s*$/.test(text) ? body + eol : body;
}

/** An object's members as spans of the text. */
interface ObjectSpan {
  open: number;
  close: number;
  members: Array<{ key: string; keyStart: number; colonEnd: number; valueStart: number; valueEnd: number }>;
}

/** Inserts `"name": "range"` members into the top-level devDependencies, created at the end when missing. */
function insertDevDependencies(text: string, entries: Array<[string, string]>): string | undefined {
  const start = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const root = scanObject(text, start);
  if (!root) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const existing = root.members.filter((m) => m.key === 'devDependencies').at(-1);
  if (existing) {
    const dev = scanObject(text, existing.valueStart);
    if (!dev) return undefined;
    const unit = indentUnit(text, root);
    const outer = lineIndent(text, existing.keyStart);
    return insertMembers(
      text,
      dev,
      entries.map(([k, v]) => [k, JSON.stringify(v)]),
      outer + unit,
      outer,
      eol,
    );
  }
  const unit = indentUnit(text, root);
  const multiline = unit !== undefined;
  const inner = entries.map(([k, v]) => `${multiline ? eol + unit + unit : ''}${JSON.stringify(k)}:${multiline ? ' ' : ''}${JSON.stringify(v)}`).join(',');
  const value = `{${inner}${multiline ? eol + unit : ''}}`;
  return insertMembers(text, root, [['devDependencies', value]], unit ?? '', '', eol);
}

/**
 * Inserts members (values as JSON text) after the object's last one, in its style: one per line
 * at `indent` when its members are on lines of their own, else inline.
 */
function insertMembers(text: string, obj: ObjectSpan, entries: Array<[string, string]>, indent: string, closingIndent: string, eol: string): string {
  const last = obj.members.at(-1);
  const multiline = last ? text.slice(obj.open, obj.members[0]!.keyStart).includes('\n') : text.includes('\n');
  const colon = last ? (last.valueStart > last.colonEnd ? ': ' : ':') : multiline ? ': ' : ':';
  const memberIndent = last && multiline ? lineIndent(text, last.keyStart) : indent;
  const members = entries.map(([k, v]) => `${JSON.stringify(k)}${colon}${v}`);
  if (last) {
    const before = obj.members.length > 1 ? text.slice(obj.members.at(-2)!.valueEnd, last.keyStart) : text.slice(obj.open + 1, last.keyStart);
    const inline = /\s/.test(before) ? ', ' : ',';
    const inserted = multiline ? members.map((m) => `,${eol}${memberIndent}${m}`).join('') : members.map((m) => `${inline}${m}`).join('');
    return text.slice(0, last.valueEnd) + inserted + text.slice(last.valueEnd);
  }
  const body = multiline ? `${members.map((m) => eol + memberIndent + m).join(',')}${eol}${closingIndent}` : members.join(',');
  return `${text.slice(0, obj.open + 1)}${body}${text.slice(obj.close)}`;
}

/** The indent of one level, from the root's first member; undefined when the root is on one line. */
function indentUnit(text: string, root: ObjectSpan): string | undefined {
  const first = root.members[0];
  if (!first) return text.slice(root.open, root.close).includes('\n') ? '  ' : undefined;
  if (!text.slice(root.open, first.keyStart).includes('\n')) return undefined;
  return lineIndent(text, first.keyStart);
}

/** The spaces and tabs from the start of the line to `at`. */
function lineIndent(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, at))![0];
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** The end (exclusive) of the string starting at `i` (a `"`). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

/** The end (exclusive) of the JSON value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = skipString(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !/[\s,}\]]/.test(text[j]!)) j++;
  return j;
}

/** The members of the object starting at `open` (a `{`), or undefined when it is not one. */
function scanObject(text: string, open: number): ObjectSpan | undefined {
  if (text[open] !== '{') return undefined;
  const members: ObjectSpan['members'] = [];
  let i = skipSpace(text, open + 1);
  while (i < text.length && text[i] !== '}') {
    if (text[i] !== '"') return undefined;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    let j = skipSpace(text, keyEnd);
    if (text[j] !== ':') return undefined;
    const colonEnd = j + 1;
    j = skipSpace(text, colonEnd);
    const valueEnd = skipValue(text, j);
    members.push({ key, keyStart: i, colonEnd, valueStart: j, valueEnd });
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return text[i] === '}' ? { open, close: i, members } : undefined;
}
