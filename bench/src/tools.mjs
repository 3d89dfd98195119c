// How to run each load generator and read its figures.
//
// Every `*Run()` returns `{ tool, command, args, env, timeoutMs, parse(res) }`: main.mjs runs the
// command with measure.mjs and hands the result to `parse`, which returns
// `{ rps, reported, ... }`; `reported` is every request the tool says it completed, to compare with
// what the server received.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.resolve(BENCH, '..');
/** The built CLI; the bench runs it through the `go-heavy` launcher (CLI), as users do. */
export const CLI_MAIN = path.join(REPO, 'apps', 'cli', 'dist', 'main.js');
/** `bin/go-heavy.js`: re-runs the CLI in a Node with the heap flags users get (see its comment). */
const CLI = path.join(REPO, 'apps', 'cli', 'bin', 'go-heavy.js');
/** The launcher's heap flags, for runs that start dist/main.js themselves (profile.mjs). */
export const CLI_HEAP_FLAGS = ['--max-semi-space-size=8', '--no-memory-reducer'];
export const WORKLOAD = path.join(BENCH, 'workload');
export const WORKFLOW = 'bench/get';
/** The same request with an absolute URL (`${ctx.env.BASE_URL}/`), as most k6 scripts write it. */
export const WORKFLOW_ABSOLUTE = 'bench/get-absolute';

const require = createRequire(path.join(BENCH, 'package.json'));

export const TOOLS = ['go-heavy', 'autocannon', 'wrk'];

/** Slack on top of the planned run time before a tool is killed as hung. */
const SLACK_MS = 30_000;

function autocannonScript() {
  const pkg = require.resolve('autocannon/package.json');
  return { script: path.join(path.dirname(pkg), 'autocannon.js'), version: JSON.parse(readFileSync(pkg, 'utf8')).version };
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** wrk from Debian's package (/usr/bin/wrk), else the first on PATH; null when missing. */
function findWrk() {
  const dirs = ['/usr/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const dir of dirs) if (executable(path.join(dir, 'wrk'))) return path.join(dir, 'wrk');
  return null;
}
const WRK = findWrk();

/** One line per missing piece (empty when all is there). */
export function missingTools() {
  const missing = [];
  if (!WRK) missing.push('wrk is not installed: run `sudo node tools/system/ensure-system-deps.mjs` (or `apt-get install -y wrk`)');
  if (!existsSync(CLI_MAIN)) missing.push(`the go-heavy CLI is not built (${path.relative(REPO, CLI_MAIN)}): run \`npm run build\``);
  try {
    autocannonScript();
  } catch {
    missing.push('autocannon is not installed: run `npm ci` at the repository root (it is a devDependency of bench/)');
  }
  return missing;
}

export function versions() {
  const wrk = spawnSync(WRK, ['-v'], { encoding: 'utf8' });
  const wrkLine = `${wrk.stdout ?? ''}${wrk.stderr ?? ''}`.split('\n')[0] ?? '';
  return {
    'go-heavy': JSON.parse(readFileSync(path.join(REPO, 'apps', 'cli', 'package.json'), 'utf8')).version,
    autocannon: autocannonScript().version,
    wrk: /^wrk (\S+)/.exec(wrkLine)?.[1] ?? (wrkLine || null),
  };
}

function failed(tool, res) {
  const tail = `${res.stderr}\n${res.stdout}`.trim().split('\n').slice(-5).join(' | ');
  return new Error(`${tool} exited with ${res.signal ?? `code ${res.code}`}: ${tail}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * go-heavy, closed model (`users`) or open model (`rate`), or a start-up run (`iterations`).
 * `out`: where its results JSON goes (read and removed by parse).
 * `workflow`: the bench's relative-URL workflow unless given (WORKFLOW_ABSOLUTE); `cli`: another
 * checkout's launcher, to compare builds (steady.mjs --baseline). `workers`: `--workers` (a count
 * or `auto`), left out when undefined.
 */
export function goHeavyRun({ url, users, rate, maxUsers, durationS, warmupS = 0, iterations, out, workflow = WORKFLOW, cli = CLI, workers }) {
  const args = [cli, 'run', workflow, '--root', WORKLOAD, '--quiet', '--out', out];
  if (workers !== undefined) args.push('--workers', String(workers));
  if (rate !== undefined) args.push('--rate', String(rate));
  else args.push('--users', String(users));
  if (maxUsers !== undefined) args.push('--max-users', String(maxUsers));
  if (iterations !== undefined) args.push('--iterations', String(iterations));
  if (durationS !== undefined) args.push('--duration', `${durationS}s`, '--warmup', `${warmupS}s`);
  return {
    tool: 'go-heavy',
    command: process.execPath,
    args,
    env: { ...process.env, BASE_URL: url, NO_COLOR: '1' },
    timeoutMs: ((durationS ?? 0) + warmupS) * 1000 + SLACK_MS,
    parse(res) {
      if (res.code !== 0) throw failed('go-heavy', res);
      const r = readJson(out);
      const measured = r.summary.requests;
      const warmup = r.warmup?.requests ?? 0;
      return {
        rps: measured / (r.durationMs / 1000),
        // Everything it sent, warm-up included (results.md: summary.requests + warmup.requests).
        reported: measured + warmup,
        measuredRequests: measured,
        warmupRequests: warmup,
        durationMs: r.durationMs,
        errors: r.summary.workflowsFailed + r.summary.workflowsInterrupted,
        dropped: r.summary.droppedIterations,
        lagP99Ms: r.scheduler?.lagMs?.p99 ?? null,
        lagP50Ms: r.scheduler?.lagMs?.p50 ?? null,
        starts: r.scheduler?.starts ?? null,
        // Busy users at the per-second samples: how far the open model's concurrency grew.
        peakUsers: r.timeline.reduce((m, p) => Math.max(m, p.users), 0),
        // The worker threads that ran (results.md: absent for one thread).
        workers: r.workers ?? 1,
      };
    },
  };
}

/** `autocannon -c C -d D -j URL`: requests.average (mean of its per-second samples), requests.total. */
export function autocannonRun({ url, connections, durationS }) {
  return {
    tool: 'autocannon',
    command: process.execPath,
    args: [autocannonScript().script, '-c', String(connections), '-d', String(durationS), '-j', url],
    env: process.env,
    timeoutMs: durationS * 1000 + SLACK_MS,
    parse(res) {
      if (res.code !== 0) throw failed('autocannon', res);
      const r = JSON.parse(res.stdout);
      return {
        rps: r.requests.average,
        reported: r.requests.total,
        sent: r.requests.sent,
        durationMs: r.duration * 1000,
        errors: r.errors + r.timeouts + r.non2xx,
      };
    },
  };
}

/** `autocannon -a 1 -c 1 URL`: one request, for the start-up check. */
export function autocannonOnce({ url }) {
  return {
    tool: 'autocannon',
    command: process.execPath,
    args: [autocannonScript().script, '-a', '1', '-c', '1', url],
    env: process.env,
    timeoutMs: SLACK_MS,
    parse(res) {
      if (res.code !== 0) throw failed('autocannon', res);
      return {};
    },
  };
}

/** `wrk -tT -cC -dDs URL` (T = `threads`, 1 unless given): "Requests/sec" and "N requests in". */
export function wrkRun({ url, connections, durationS, threads = 1 }) {
  return {
    tool: 'wrk',
    command: WRK,
    args: [`-t${threads}`, `-c${connections}`, `-d${durationS}s`, `${url}/`],
    env: process.env,
    timeoutMs: durationS * 1000 + SLACK_MS,
    parse(res) {
      if (res.code !== 0) throw failed('wrk', res);
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(res.stdout);
      const total = /(\d+) requests in ([\d.]+)(m?s)/.exec(res.stdout);
      if (!rps || !total) throw new Error(`wrk: unexpected output: ${res.stdout.trim().split('\n').join(' | ')}`);
      const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(res.stdout);
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(res.stdout);
      return {
        rps: Number(rps[1]),
        reported: Number(total[1]),
        durationMs: Number(total[2]) * (total[3] === 's' ? 1000 : 1),
        errors: (non2xx ? Number(non2xx[1]) : 0) + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
      };
    },
  };
}
