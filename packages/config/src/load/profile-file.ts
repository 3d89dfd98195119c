import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { ConfigError } from '../config-error.js';
import { isLoadKey, LOAD_KEYS, type SourcedSpec } from './load-spec.js';
import { parseLoadValues } from './parse-load-values.js';

/** A problem and the line it is on, so a file's problems can be listed top to bottom. */
interface LineProblem {
  line: number;
  message: string;
}

const EXPECTED_KEYS = `expected one of ${LOAD_KEYS.join(', ')}`;

/**
 * Reads a `--profile` YAML file of load settings (the keys of {@link LoadSpec}, as in
 * `heavy.config.ts`: `rate: 100/s`, `rampUp: 30s`, `stages: 10s:50,30s:200`) into a
 * {@link SourcedSpec} whose entries are named `<file>:<line>: <key>`, the file relative to the
 * working directory. See {@link parseProfileText} for what is checked. `what` names the flag
 * that gave the file, for an unreadable file: `--profile: cannot read "x.yaml": …`.
 */
export function readProfileFile(file: string, what = '--profile'): SourcedSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ConfigError(`${what}: cannot read "${file}": ${reason}`);
  }
  return parseProfileText(text, path.relative(process.cwd(), file) || file);
}

/**
 * Parses the text of a profile file named `name` in messages. YAML syntax errors, duplicate
 * keys, unknown keys and values that do not read (`rate: -1`, `users: [1, 2]`) are all reported
 * at once in one
 * {@link ConfigError}, one per line in file order, each as `<name>:<line>: <key>: <expected>`:
 * `profile.yaml:4: usres: unknown key, expected one of users, rate, …`. Rules between keys
 * (`users` with `rate`) are checked by {@link resolveLoad} once every layer is merged.
 */
export function parseProfileText(text: string, name: string): SourcedSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const problems: LineProblem[] = doc.errors.map((e) => {
    const line = lineOf(e.pos[0]);
    return { line, message: `${name}:${line}: invalid YAML: ${e.code === 'MULTIPLE_DOCS' ? 'expected one document, found another after ---' : firstLine(e.message)}` };
  });

  const spec: SourcedSpec = {};
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    if (problems.length === 0) problems.push({ line: 1, message: `${name}:1: no load settings, ${EXPECTED_KEYS}` });
  } else if (!isMap(root)) {
    const line = lineOf(root.range?.[0] ?? 0);
    problems.push({ line, message: `${name}:${line}: expected load settings as key: value lines, got ${isSeq(root) ? 'a list' : 'a single value'}` });
  } else {
    const firstSeen = new Map<string, number>();
    for (const pair of root.items as Array<Pair<unknown, unknown>>) {
      const keyNode = pair.key as Node | null;
      const line = lineOf(keyNode?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? 0);
      const key = isScalar(keyNode) ? String(keyNode.value) : keyNode === null ? '' : String(keyNode);
      const at = `${name}:${line}: ${key}`;
      if (!isLoadKey(key)) {
        problems.push({ line, message: `${at}: unknown key, ${EXPECTED_KEYS}` });
        continue;
      }
      const first = firstSeen.get(key);
      if (first !== undefined) {
        problems.push({ line, message: `${at}: duplicate key, first set on line ${first}` });
        continue;
      }
      firstSeen.set(key, line);
      const valueNode = pair.value as Node | null;
      const entry = { value: valueNode === null ? null : valueNode.toJSON(), what: at };
      // A value that a syntax error runs through reads as garbage: its syntax error says enough.
      const from = keyNode?.range?.[0] ?? 0;
      const to = valueNode?.range?.[2] ?? keyNode?.range?.[2] ?? from;
      if (!doc.errors.some((e) => e.pos[0] >= from && e.pos[0] <= to)) spec[key] = entry;
    }
    for (const message of parseLoadValues(spec).problems) {
      problems.push({ line: Number(/^:(\d+):/.exec(message.slice(name.length))?.[1] ?? 0), message });
    }
  }
  if (problems.length > 0) {
    const messages = problems.sort((a, b) => a.line - b.line).map((p) => p.message);
    throw new ConfigError([...new Set(messages)].join('\n'));
  }
  return spec;
}

/**
 * Load settings from a plain object, such as a named profile of `heavy.config.ts`
 * (`profiles.smoke`), as a {@link SourcedSpec} whose entries are named `<whatPrefix><key>`
 * (`services/x/heavy.config.ts: profiles.smoke.rate`). Undefined values are skipped. Unknown
 * keys and values that do not read are all reported at once in one {@link ConfigError}:
 * `<whatPrefix>usres: unknown key, expected one of users, rate, …`.
 */
export function specFromObject(obj: unknown, whatPrefix: string): SourcedSpec {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    const what = whatPrefix.replace(/[\s.:]+$/, '');
    throw new ConfigError(`${what}: expected an object of load settings (${LOAD_KEYS.join(', ')})`);
  }
  const spec: SourcedSpec = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (isLoadKey(key)) spec[key] = { value, what: `${whatPrefix}${key}` };
    else problems.push(`${whatPrefix}${key}: unknown key, ${EXPECTED_KEYS}`);
  }
  problems.push(...parseLoadValues(spec).problems);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return spec;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
