// What the figures were measured on: recorded in latest.json and in docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasGnuTime, pinned, pinning } from './measure.mjs';
import { nginxBinary } from './nginx.mjs';
import { REPO, versions } from './tools.mjs';

function cpuModel() {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    return /^model name\s*:\s*(.+)$/m.exec(info)?.[1].trim() ?? os.cpus()[0]?.model ?? null;
  } catch {
    return os.cpus()[0]?.model ?? null;
  }
}

function output(command, args) {
  const res = spawnSync(command, args, { encoding: 'utf8', cwd: REPO });
  return res.status === 0 || res.stdout || res.stderr ? `${res.stdout ?? ''}${res.stderr ?? ''}`.trim() : null;
}

/** `abc1234`, with `-dirty` when the working tree has changes; null outside git. */
export function commit() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', cwd: REPO });
  if (head.status !== 0) return null;
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8', cwd: REPO });
  return `${head.stdout.trim()}${status.stdout?.trim() ? '-dirty' : ''}`;
}

/**
 * A short hash of the built go-heavy that runs (apps/cli/dist and each package's dist): compared at the
 * start and the end of a bench, so a rebuild in the middle of it does not go unnoticed.
 */
export function buildFingerprint() {
  const hash = createHash('sha1');
  const dirs = [path.join(REPO, 'apps', 'cli', 'dist')];
  const packages = path.join(REPO, 'packages');
  if (existsSync(packages)) for (const p of readdirSync(packages).sort()) dirs.push(path.join(packages, p, 'dist'));
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(c?js)$/.test(f)) continue;
      hash.update(f).update('\0');
      try {
        hash.update(readFileSync(path.join(dir, f)));
      } catch {
        hash.update('(unreadable)');
      }
    }
  }
  return hash.digest('hex').slice(0, 12);
}

export function describeMachine() {
  const nginx = nginxBinary();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpuModel(),
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    nginx: nginx ? (output(nginx, ['-v']) ?? '').replace(/^nginx version:\s*/, '') : null,
    ...Object.fromEntries(Object.entries(versions()).map(([k, v]) => [k.replace('go-heavy', 'goHeavy'), v])),
    pinned,
    pinning,
    gnuTime: hasGnuTime(),
    commit: commit(),
    build: buildFingerprint(),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
