import { execFile } from 'node:child_process';

/** The commit checked out in `dir`'s git repository, or null outside one (or without git). */
export function gitCommit(dir: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd: dir, timeout: 5000 }, (err, stdout) => {
      const commit = stdout?.trim();
      resolve(err || !/^[0-9a-f]{7,64}$/.test(commit ?? '') ? null : commit!);
    });
  });
}
