import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeProject } from './project.js';
import { startTarget } from './target.js';

type Target = Awaited<ReturnType<typeof startTarget>>;

/**
 * What the history tests share: a project whose only workflow is `checkout/pay` (`workflow`,
 * its source), a target server, and a temp folder holding the history file. Started before the
 * calling test file's tests and removed after them. `target` is set once they start.
 */
export function historyProject(workflow: string, prefix: string): { root: string; out: string; history: string; readonly target: Target } {
  const project = makeProject({ 'services/checkout/pay.ts': workflow });
  const out = mkdtempSync(path.join(os.tmpdir(), prefix));
  let target: Target | undefined;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target?.close();
    project.remove();
    rmSync(out, { recursive: true, force: true });
  });
  return {
    root: project.root,
    out,
    history: path.join(out, 'history.ndjson'),
    get target(): Target {
      if (target === undefined) throw new Error('the target starts in beforeAll: read it inside a test');
      return target;
    },
  };
}
