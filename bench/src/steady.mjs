#!/usr/bin/env node
// Closed model in steady state: CPU per request of each tool over the same kind of window, both
// warmed up, start-up and shut-down left out. The server counts the requests of the window; the
// tool's CPU is read from /proc/<pid>/stat (utime + stime of its process tree) at the window's
// start and end, not from the tool's own report. go-heavy runs twice: with a relative URL
// (`bench/get`) and an absolute one (`bench/get-absolute`, `${ctx.env.BASE_URL}/`).
//
//   node bench/src/steady.mjs [--rounds 3] [--window 5] [--warmup 3] [--target nginx|node]
//                             [--tools LIST] [--baseline DIR]
//
// --baseline DIR adds `baseline` and `baseline-absolute`: the same workflows run by the go-heavy
// built in another checkout (e.g. `git worktree add --detach /tmp/old <commit>`, then build it),
// side by side in the same rounds.
//
// main.mjs runs the same rounds as part of the full bench (steadyRounds()).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { descendantsCpuS, machineCpu, measure, processTreeCpuS } from './measure.mjs';
import { startNginx } from './nginx.mjs';
import { startNodeTarget } from './node-target.mjs';
import { cleanupAll, makeTempDir, sleep } from './procs.mjs';
import { median } from './stats.mjs';
import { fmt, textTable } from './table.mjs';
import { REPO, WORKFLOW, WORKFLOW_ABSOLUTE, autocannonRun, goHeavyRun, wrkRun } from './tools.mjs';

/** The variants measured, in the order of the first round (later rounds rotate it). */
const STEADY_TOOLS = ['go-heavy', 'go-heavy-absolute', 'autocannon', 'wrk'];

/** A window is quiet when other processes used less than this share of a CPU during it. */
const QUIET_SHARE = 0.15;

/** Seconds each tool keeps running after the window, so the window never meets its shut-down. */
export const TAIL_S = 2;
/** Longest wait for the first request to reach the server (start-up, bundling the workflow). */
const FIRST_LOAD_TIMEOUT_MS = 15_000;

/** The launcher of another checkout, for the `baseline` variants (set by --baseline). */
let baselineCli = null;

function spec(tool, target, { users, durationS, out }) {
  const common = { url: target.url, durationS };
  if (tool === 'baseline') return { ...goHeavyRun({ ...common, users, warmupS: 0, out: out(), workflow: WORKFLOW, cli: baselineCli }), tool };
  if (tool === 'baseline-absolute') return { ...goHeavyRun({ ...common, users, warmupS: 0, out: out(), workflow: WORKFLOW_ABSOLUTE, cli: baselineCli }), tool };
  if (tool === 'go-heavy') return goHeavyRun({ ...common, users, warmupS: 0, out: out(), workflow: WORKFLOW });
  if (tool === 'go-heavy-absolute') return { ...goHeavyRun({ ...common, users, warmupS: 0, out: out(), workflow: WORKFLOW_ABSOLUTE }), tool };
  if (tool === 'autocannon') return autocannonRun({ ...common, connections: users });
  return wrkRun({ ...common, connections: users });
}

/**
 * Runs one tool for warm-up + window + tail seconds of load and measures the window: waits for
 * its first request to reach the server, lets it warm up for `warmupS`, then reads the server's
 * count and the tool's CPU, sleeps `windowS`, and reads both again. The whole run's accounting
 * (reported = received) is checked as in the other runs.
 */
async function steadyRun(target, tool, { users, warmupS, windowS, out }) {
  const s = spec(tool, target, { users, durationS: warmupS + windowS + TAIL_S, out });
  return { kind: 'steady', tool, ...(await windowRun(target, s, { warmupS, windowS })) };
}

/**
 * Measures a window of a running tool: `s` is a tools.mjs spec whose run lasts at least
 * `warmupS + windowS + TAIL_S` seconds of load. The tool's CPU is that of its whole process tree
 * (every thread: /proc/<pid>/stat sums a process's threads, worker threads included). `cpu`: the
 * CPUs it may run on (measure.mjs; null: unpinned). Besides the window's figures it returns the
 * whole run's: `cpuUs` (GNU time), `wallMs`, `reported`, `received` and the parsed figures.
 */
export async function windowRun(target, s, { warmupS, windowS, cpu }) {
  const tool = s.tool;
  const before = await target.settledCount();
  let child;
  const done = measure(s.command, s.args, { timeoutMs: s.timeoutMs, env: s.env, cwd: REPO, cpu, onSpawn: (c) => (child = c) });
  let exited = false;
  done.then(
    () => (exited = true),
    () => (exited = true),
  );
  const firstBy = Date.now() + FIRST_LOAD_TIMEOUT_MS;
  while (!exited && Date.now() < firstBy && (await target.count()) === before) await sleep(20);
  if (exited || Date.now() >= firstBy) {
    const res = await done;
    throw new Error(`${tool} sent nothing within ${FIRST_LOAD_TIMEOUT_MS} ms (exit ${res.code ?? res.signal}): ${res.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  await sleep(warmupS * 1000);
  const count0 = await target.count();
  const cpu0 = descendantsCpuS(child.pid);
  const t0 = performance.now();
  // What else used the machine meanwhile: its busy time minus the tool's, the server's and ours.
  const machine0 = machineCpu();
  const server0 = processTreeCpuS(target.pid);
  const self0 = process.cpuUsage();
  await sleep(windowS * 1000);
  const count1 = await target.count();
  const cpu1 = descendantsCpuS(child.pid);
  const windowMs = performance.now() - t0;
  const machine1 = machineCpu();
  const serverCpuS = processTreeCpuS(target.pid) - server0;
  const self = process.cpuUsage(self0);
  const otherCpuS = machine0 && machine1 ? Math.max(0, machine1.busyS - machine0.busyS - (cpu1 - cpu0) - serverCpuS - (self.user + self.system) / 1e6) : null;
  const endedEarly = exited;
  const res = await done;
  if (endedEarly) throw new Error(`${tool} ended before the window did: give it a longer tail`);
  const figures = s.parse(res);
  const received = (await target.settledCount()) - before;
  const requests = count1 - count0;
  return {
    ...figures,
    target: target.name,
    tool,
    windowMs,
    requests,
    rps: requests / (windowMs / 1000),
    cpuUsPerRequest: requests > 0 ? ((cpu1 - cpu0) * 1e6) / requests : null,
    cpuShare: (cpu1 - cpu0) / (windowMs / 1000),
    /** The server's CPU over the window, as a share of a CPU. */
    serverShare: serverCpuS / (windowMs / 1000),
    /** Share of a CPU that other processes used during the window (noise). */
    otherShare: otherCpuS == null ? null : otherCpuS / (windowMs / 1000),
    reported: figures.reported,
    received,
    diff: figures.reported === undefined ? null : figures.reported - received,
    errors: figures.errors ?? 0,
    wallMs: res.wallMs,
    cpuUs: res.cpuUs,
    maxRssMB: res.maxRssMB,
  };
}

/** `rounds` rounds of every STEADY_TOOLS variant, the order rotated each round. */
export async function steadyRounds(target, { rounds, users, warmupS, windowS, out, log, tools = STEADY_TOOLS }) {
  const runs = [];
  const errors = [];
  for (let round = 1; round <= rounds; round++) {
    const order = tools.map((_, i) => tools[(i + round - 1) % tools.length]);
    for (const tool of order) {
      try {
        const r = { ...(await steadyRun(target, tool, { users, warmupS, windowS, out })), round };
        runs.push(r);
        log?.(
          `  steady ${target.name} ${tool} r${round}: ${fmt.int(r.rps)} req/s, CPU ${fmt.num(r.cpuUsPerRequest)} µs/req (${fmt.num(r.cpuShare * 100, 0)} % of a CPU; others ${r.otherShare == null ? 'n/a' : `${fmt.num(r.otherShare * 100, 0)} %`}), RSS ${fmt.num(r.maxRssMB)} MB, reported ${fmt.signed(r.diff)} vs received`,
        );
      } catch (err) {
        log?.(`  steady ${target.name} ${tool} r${round}: FAILED: ${err.message}`);
        errors.push(`steady ${tool} r${round}: ${err.message}`);
      }
    }
  }
  return { runs, errors, summary: summariseSteady(runs, tools) };
}

/**
 * Medians per tool, and each go-heavy variant's CPU per request over autocannon's and wrk's:
 * the median of the ratios within each round (paired, less sensitive to background load).
 */
function summariseSteady(runs, tools = STEADY_TOOLS) {
  const tool = (name) => runs.filter((r) => r.tool === name);
  const paired = (a, b, key) => {
    const ratios = [];
    for (const r of tool(a)) {
      const other = runs.find((o) => o.tool === b && o.round === r.round);
      if (other && r[key] != null && other[key]) ratios.push(r[key] / other[key]);
    }
    return ratios.length ? { median: median(ratios), all: ratios } : null;
  };
  const tools_ = {};
  for (const name of tools) {
    const mine = tool(name);
    if (mine.length)
      tools_[name] = { runs: mine.length, rps: median(mine.map((r) => r.rps)), cpuUsPerRequest: median(mine.map((r) => r.cpuUsPerRequest)), peakRssMB: Math.max(...mine.map((r) => r.maxRssMB ?? 0)) };
  }
  const ratios = {};
  for (const g of ['go-heavy', 'go-heavy-absolute', 'baseline', 'baseline-absolute']) {
    ratios[g] = {
      cpuVsAutocannon: paired(g, 'autocannon', 'cpuUsPerRequest'),
      cpuVsWrk: paired(g, 'wrk', 'cpuUsPerRequest'),
      rpsVsAutocannon: paired(g, 'autocannon', 'rps'),
      rpsVsWrk: paired(g, 'wrk', 'rps'),
    };
  }
  // The same medians over the quiet windows only (other processes under QUIET_SHARE of a CPU):
  // a tool descheduled by others pays more per request (cold caches), so noisy windows skew it.
  const quiet = {};
  for (const name of tools) {
    const mine = tool(name).filter((r) => r.otherShare != null && r.otherShare < QUIET_SHARE);
    if (mine.length) quiet[name] = { runs: mine.length, cpuUsPerRequest: median(mine.map((r) => r.cpuUsPerRequest)), rps: median(mine.map((r) => r.rps)) };
  }
  return { tools: tools_, ratios, quiet, medianOtherShare: median(runs.map((r) => r.otherShare)) };
}

export function steadyTable(summary) {
  const rows = [['tool', 'req/s', 'CPU µs/req', 'CPU vs autocannon', 'CPU vs wrk', 'req/s vs autocannon', 'req/s vs wrk', 'peak RSS MB']];
  for (const [name, t] of Object.entries(summary.tools)) {
    const r = summary.ratios[name];
    const range = (p) => (p ? `${fmt.ratio(p.median)}${p.all.length > 1 ? ` (${fmt.ratio(Math.min(...p.all))}…${fmt.ratio(Math.max(...p.all))})` : ''}` : '');
    rows.push([name, fmt.int(t.rps), fmt.num(t.cpuUsPerRequest), range(r?.cpuVsAutocannon), range(r?.cpuVsWrk), range(r?.rpsVsAutocannon), range(r?.rpsVsWrk), fmt.num(t.peakRssMB)]);
  }
  const q = summary.quiet ?? {};
  const qa = q.autocannon?.cpuUsPerRequest;
  const quietRows = Object.entries(q).map(
    ([name, t]) => `${name} ${fmt.num(t.cpuUsPerRequest)} µs${qa && name !== 'autocannon' ? ` (${fmt.ratio(t.cpuUsPerRequest / qa)} autocannon's)` : ''} over ${t.runs}`,
  );
  const quietLine = quietRows.length ? `\nquiet windows only (others < ${QUIET_SHARE * 100} % of a CPU), median CPU µs/req: ${quietRows.join('; ')}` : '';
  const noise =
    summary.medianOtherShare == null
      ? ''
      : `\nother processes used a median ${fmt.num(summary.medianOtherShare * 100, 0)} % of a CPU during the windows${summary.medianOtherShare > 0.05 ? ': noisy, compare the ratios within rounds' : ''}`;
  return `${textTable(rows)}${noise}${quietLine}`;
}

async function cli() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      window: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '3' },
      users: { type: 'string', default: '50' },
      target: { type: 'string', default: 'nginx' },
      tools: { type: 'string' },
      baseline: { type: 'string' },
    },
  });
  const num = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) {
      process.stderr.write(`steady: --${name} must be a whole number ≥ 1, got ${JSON.stringify(values[name])}\n`);
      process.exit(2);
    }
    return n;
  };
  const known = values.baseline ? [...STEADY_TOOLS, 'baseline', 'baseline-absolute'] : STEADY_TOOLS;
  if (values.baseline) {
    baselineCli = path.join(path.resolve(values.baseline), 'apps', 'cli', 'bin', 'go-heavy.js');
    if (!existsSync(path.join(path.resolve(values.baseline), 'apps', 'cli', 'dist', 'main.js'))) {
      process.stderr.write(`steady: --baseline ${values.baseline}: apps/cli/dist/main.js is missing there; build that checkout first\n`);
      process.exit(2);
    }
  }
  const tools = (values.tools ?? known.join(',')).split(',').filter(Boolean);
  const bad = tools.filter((t) => !known.includes(t));
  if (bad.length || !['nginx', 'node'].includes(values.target)) {
    process.stderr.write(`steady: --tools takes ${known.join(', ')} and --target nginx or node\n`);
    process.exit(2);
  }
  const outDir = makeTempDir('steady');
  let seq = 0;
  const target = values.target === 'nginx' ? await startNginx() : await startNodeTarget();
  try {
    const { summary, errors } = await steadyRounds(target, {
      rounds: num('rounds'),
      users: num('users'),
      warmupS: num('warmup'),
      windowS: num('window'),
      out: () => path.join(outDir, `go-heavy-${++seq}.json`),
      log: (line) => process.stderr.write(`${line}\n`),
      tools,
    });
    process.stdout.write(`${steadyTable(summary)}\n`);
    return errors.length ? 1 : 0;
  } finally {
    await target.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli().then(
    (code) => {
      cleanupAll();
      process.exit(code);
    },
    (err) => {
      process.stderr.write(`steady: ${err.message}\n`);
      cleanupAll();
      process.exit(1);
    },
  );
}
