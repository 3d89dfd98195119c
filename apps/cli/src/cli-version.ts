import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * go-heavy's own version, from the package.json beside dist/ (the one of the folder it runs in is
 * a team repository's). Lives in src/ so that the path holds from dist/main.js and from src/ under jest.
 */
export function cliVersion(): string {
  const file = path.join(path.dirname(__filename), '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
