import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.js';

/** `KEY=value`, `export KEY=value` or `KEY: value`, as dotenv reads a line. */
const ASSIGNMENT = /^\s*(?:export\s+)?[\w.-]+(?:\s*=|:\s|:$)/;
const QUOTES = ['"', "'", '`'];

/**
 * Checks that every line of an env file is one dotenv reads: blank, a `#` comment, or
 * `KEY=value` (a quoted value may run over several lines). dotenv skips any other line without
 * a word, so `PASSWORD secret` would silently leave PASSWORD unset. Throws one
 * {@link ConfigError} naming every bad line: `services/x/env.default:3: expected KEY=value, got "PASSWORD secret"`.
 */
export function checkEnvFile(file: string): void {
  const display = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${display}: cannot be read: ${(err as Error).message}`);
  }
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  // The quote a value opened and has not closed yet: its next lines belong to it.
  let open: string | undefined;
  lines.forEach((line, i) => {
    if (open !== undefined) {
      if (closes(line, open)) open = undefined;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (!ASSIGNMENT.test(line)) {
      const shown = trimmed.length > 40 ? `${trimmed.slice(0, 37)}...` : trimmed;
      problems.push(`${display}:${i + 1}: expected KEY=value (or a # comment), got ${JSON.stringify(shown)}`);
      return;
    }
    const value = line.slice(line.search(/[=:]/) + 1).trimStart();
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (quote !== undefined && !closes(value.slice(1), quote)) open = quote;
  });
  if (open !== undefined) problems.push(`${display}: a value opened with ${open} is never closed`);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
}

/** True when `text` holds `quote` not escaped with a backslash. */
function closes(text: string, quote: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return true;
  }
  return false;
}
