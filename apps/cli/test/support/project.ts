import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A throwaway user project inside this package, so `@go-heavy/core` resolves from the
 * workspace's node_modules as it would from a user's own project.
 */
export function makeProject(files: Record<string, string>): { root: string; remove(): void } {
  const root = mkdtempSync(path.join(__dirname, '..', '.tmp-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
