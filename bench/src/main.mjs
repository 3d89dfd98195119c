#!/usr/bin/env node
// `npm run bench`: go-heavy against autocannon and wrk, same target, same connection count, same
// pinning, alternately over several rounds; then the open-model, start-up and memory checks.
// Prints a table of medians and ratios and writes everything to bench/results/latest.json.
// See docs/benchmarks.md.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFingerprint, describeMachine } from './machine.mjs';
import { hasGnuTime, machineCpu, measure, processTreeCpuS } from './measure.mjs';
import { nginxBinary, startNginx } from './nginx.mjs';
import { startNodeTarget } from './node-target.mjs';
import { openModelChecks, openModelOnce, openModelRound } from './open-model.mjs';
import { steadyRounds, steadyTable } from './steady.mjs';
import { describeWorkersRun, nginxPlacement, summariseWorkers, workersChecks, workersClosedRows, workersNotes, workersOpenRows, workersRound } from './workers.mjs';
import { cleanupAll, makeTempDir } from './procs.mjs';
import { max, median, pairedRatio, ratio } from './stats.mjs';
import { fmt, textTable } from './table.mjs';
import { REPO, TOOLS, autocannonOnce, autocannonRun, goHeavyRun, missingTools, wrkRun } from './tools.mjs';

/** The parts of the bench that --only picks from (every mode runs them all; --quick and --smoke no memory). */
const SECTIONS = ['closed', 'open', 'steady', 'startup', 'memory', 'workers'];

const USAGE = `usage: npm run bench -- [options]

  (default)          the full bench: nginx and node targets, 3 rounds of 10 s, steady-state
                     CPU per request (relative and absolute URLs), open model,
                     start-up and memory checks, worker threads (about 14 minutes)
  --smoke            2 s runs, 1 round, nginx only, open model at 500/s, one 1 s run on
                     2 worker threads, no memory check; fails only if a run fails or
                     go-heavy's count differs from nginx's (CI)
  --quick            1 round of 5 s, no memory check (unless --memory)
  --rounds N         rounds (default 3)
  --duration S       seconds per closed-model run (default 10)
  --targets LIST     nginx,node (default both)
  --only LIST        only these sections: ${SECTIONS.join(', ')}
                     (e.g. --only workers: go-heavy on 1, 2 and auto worker threads)
  --nginx-workers N  the workers section's own nginx with N worker processes on CPUs
                     0…N−1 (default: the bench's nginx, 1 process on CPU 0); for a
                     machine where one nginx core would be the limit
  --memory           run the memory check (10 s vs 60 s) even with --quick
  --strict           exit 1 if any check fails
  --out FILE         results JSON (default bench/results/latest.json)
`;

// The targets.
const TARGETS = {
  users: 50,
  rpsVsAutocannon: 1.0,
  cpuVsAutocannon: 1.0,
  // Steady state (steady.mjs): go-heavy's CPU per request over autocannon's, both URL styles.
  steadyCpuVsAutocannon: 0.8,
  steadyWarmupS: 3,
  steadyWindowS: 5,
  rssMB: 100,
  openRate: 5000,
  openDurationS: 10,
  memoryLongS: 60,
  memoryShortS: 10,
  memoryGrowthMB: 20,
  startupVsAutocannon: 1.5,
  startupSamples: 5,
  warmupS: 2,
};

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        smoke: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        memory: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        rounds: { type: 'string' },
        duration: { type: 'string' },
        targets: { type: 'string' },
        only: { type: 'string' },
        'nginx-workers': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    usage(err.message);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const modes = ['smoke', 'quick', 'full'].filter((m) => parsed[m]);
  if (modes.length > 1) usage(`--${modes.join(' and --')} exclude each other`);
  const mode = modes[0] ?? 'full';
  const preset = {
    full: {
      steady: true,
      rounds: 3,
      durationS: 10,
      targets: ['nginx', 'node'],
      memory: true,
      warmupS: TARGETS.warmupS,
      openRate: TARGETS.openRate,
      openDurationS: TARGETS.openDurationS,
      startupSamples: TARGETS.startupSamples,
    },
    quick: {
      steady: true,
      rounds: 1,
      durationS: 5,
      targets: ['nginx', 'node'],
      memory: false,
      warmupS: TARGETS.warmupS,
      openRate: TARGETS.openRate,
      openDurationS: TARGETS.openDurationS,
      startupSamples: 3,
    },
    smoke: { steady: false, rounds: 1, durationS: 2, targets: ['nginx'], memory: false, warmupS: 1, openRate: 500, openDurationS: 2, startupSamples: 1 },
  }[mode];
  const int = (name, value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) usage(`--${name} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
    return n;
  };
  const o = { mode, ...preset, strict: parsed.strict };
  if (parsed.rounds !== undefined) o.rounds = int('rounds', parsed.rounds);
  if (parsed.duration !== undefined) o.durationS = int('duration', String(parsed.duration).replace(/s$/, ''));
  if (parsed.targets !== undefined) {
    o.targets = parsed.targets
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const bad = o.targets.filter((t) => t !== 'nginx' && t !== 'node');
    if (bad.length || o.targets.length === 0) usage(`--targets takes nginx and/or node, got ${JSON.stringify(parsed.targets)}`);
  }
  if (parsed.memory) o.memory = true;
  if (mode === 'smoke' && parsed.memory) usage('--smoke runs no memory check');
  o.sections = new Set(SECTIONS);
  if (parsed.only !== undefined) {
    const only = parsed.only
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const bad = only.filter((t) => !SECTIONS.includes(t));
    if (bad.length || only.length === 0) usage(`--only takes ${SECTIONS.join(', ')} (comma-separated), got ${JSON.stringify(parsed.only)}`);
    o.sections = new Set(only);
    // Only the closed rounds run against both targets; the other sections need nginx alone.
    if (!o.sections.has('closed') && parsed.targets === undefined) o.targets = ['nginx'];
    if (o.sections.has('memory') && mode !== 'smoke') o.memory = true;
    if (!o.sections.has('memory')) o.memory = false;
  }
  o.has = (section) => o.sections.has(section);
  o.nginxWorkers = 1;
  if (parsed['nginx-workers'] !== undefined) {
    o.nginxWorkers = int('nginx-workers', parsed['nginx-workers']);
    const cores = os.availableParallelism();
    if (o.nginxWorkers >= cores) usage(`--nginx-workers must leave a CPU to the load generators: at most ${cores - 1} on ${cores} CPUs, got ${o.nginxWorkers}`);
    if (!o.has('workers')) usage('--nginx-workers applies to the workers section: add it to --only');
  }
  o.out = path.resolve(parsed.out ?? path.join(REPO, 'bench', 'results', 'latest.json'));
  return o;
}

function usage(message) {
  process.stderr.write(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  cleanupAll();
  process.exit(1);
}

const log = (line) => process.stderr.write(`${line}\n`);

/**
 * Runs one tool invocation against `target`, counting what the server received meanwhile.
 * `cpu`: measure.mjs's placement (the load generators' CPU unless given; null: unpinned).
 */
async function runOne(target, spec, extra, { cpu } = {}) {
  const before = await target.settledCount();
  // CPU used meanwhile by anything but the tool, the server and this script: other work on the
  // machine, which skews the figures.
  const cpu0 = machineCpu();
  const server0 = processTreeCpuS(target.pid);
  const self0 = process.cpuUsage();
  const res = await measure(spec.command, spec.args, { timeoutMs: spec.timeoutMs, env: spec.env, cwd: REPO, cpu });
  const cpu1 = machineCpu();
  const serverCpuS = processTreeCpuS(target.pid) - server0;
  const self = process.cpuUsage(self0);
  const received = (await target.settledCount()) - before;
  const otherCpuS = cpu0 && cpu1 && res.cpuUs != null ? Math.max(0, cpu1.busyS - cpu0.busyS - serverCpuS - res.cpuUs / 1e6 - (self.user + self.system) / 1e6) : null;
  const figures = spec.parse(res);
  return {
    ...extra,
    target: target.name,
    tool: spec.tool,
    ...figures,
    received,
    diff: figures.reported === undefined ? null : figures.reported - received,
    wallMs: res.wallMs,
    cpuUs: res.cpuUs,
    cpuUsPerRequest: res.cpuUs == null || received === 0 ? null : res.cpuUs / received,
    maxRssMB: res.maxRssMB,
    serverCpuS,
    otherCpuS,
    stealS: cpu0 && cpu1 ? cpu1.stealS - cpu0.stealS : null,
  };
}

function describeRun(r) {
  if (r.kind?.startsWith('workers') && r.windowMs != null) return describeWorkersRun(r);
  if (r.kind === 'startup') return `${r.wallMs.toFixed(0)} ms, server received ${r.received}`;
  const parts = [`${fmt.int(r.rps)} req/s`, `reported ${fmt.int(r.reported)}`, `received ${fmt.int(r.received)} (${fmt.signed(r.diff)})`];
  if (r.cpuUsPerRequest != null) parts.push(`CPU ${fmt.num(r.cpuUsPerRequest)} µs/req`, `RSS ${fmt.num(r.maxRssMB)} MB`);
  if (r.lagP99Ms != null) parts.push(`lag p99 ${fmt.ms(r.lagP99Ms)}`);
  if (r.errors) parts.push(`errors ${r.errors}`);
  if (noisy(r)) parts.push(`other processes used ${fmt.num(r.otherCpuS)} CPU s meanwhile`);
  return parts.join(', ');
}

/** Other processes used more than 5 % of a CPU during the run (or the hypervisor stole as much). */
function otherShare(r) {
  // Window runs (workers.mjs) measure the share over their window themselves.
  if (r.otherCpuS == null && r.otherShare != null) return r.otherShare + (r.stealS ?? 0) / (r.wallMs / 1000);
  return r.otherCpuS == null ? null : (r.otherCpuS + (r.stealS ?? 0)) / (r.wallMs / 1000);
}

function noisy(r) {
  return (otherShare(r) ?? 0) > 0.05;
}

function summarise(runs, tool) {
  const mine = runs.filter((r) => r.tool === tool && !r.error);
  if (mine.length === 0) return null;
  return {
    runs: mine.length,
    rps: median(mine.map((r) => r.rps)),
    cpuUsPerRequest: median(mine.map((r) => r.cpuUsPerRequest)),
    maxRssMB: median(mine.map((r) => r.maxRssMB)),
    peakRssMB: max(mine.map((r) => r.maxRssMB)),
    diff: median(mine.map((r) => r.diff)),
    diffs: mine.map((r) => r.diff),
    errors: mine.reduce((a, r) => a + (r.errors ?? 0), 0),
  };
}

function check(name, target, value, pass, detail) {
  return { name, target, value, pass, detail };
}

async function main() {
  const o = options();
  const started = Date.now();
  const missing = missingTools();
  if (!nginxBinary()) missing.unshift('nginx is not installed (/usr/sbin/nginx): run `sudo node tools/system/ensure-system-deps.mjs` (or `apt-get install -y nginx-light`)');
  if (!hasGnuTime()) {
    if (o.mode === 'smoke') log('bench: GNU time (/usr/bin/time) is missing: CPU and RSS figures are skipped (apt-get install -y time)');
    else missing.push('GNU time is not installed (/usr/bin/time): run `apt-get install -y time`');
  }
  if (missing.length) fail(missing[0]);

  const machine = describeMachine();
  log(`bench (${o.mode}): ${o.rounds} round(s) of ${o.durationS} s, targets ${o.targets.join(', ')}; ${machine.nproc} CPUs (${machine.cpuModel}), node ${machine.node}, ${machine.pinning}`);
  // Other work on the machine skews every figure: say so (1-minute load average).
  const busy = (load) => load > 0.5 * machine.nproc;
  if (busy(machine.loadAverageAtStart[0])) log(`bench: warning: the machine is busy (load average ${machine.loadAverageAtStart[0]}); the figures will be noisy`);
  const outDir = makeTempDir('out');
  let outSeq = 0;
  const outFile = () => path.join(outDir, `go-heavy-${++outSeq}.json`);

  const targets = {};
  const stopTargets = async () => {
    for (const t of Object.values(targets)) await t.stop();
  };
  try {
    for (const name of o.targets) targets[name] = name === 'nginx' ? await startNginx() : await startNodeTarget();
    // The workers section's own nginx, when one nginx process would be the limit (--nginx-workers).
    if (o.nginxWorkers > 1 && targets.nginx) targets.workersNginx = await startNginx({ workers: o.nginxWorkers });

    const closed = [];
    const open = [];
    const workers = [];
    const errors = [];
    const attempt = async (label, fn) => {
      try {
        const r = await fn();
        log(`  ${label}: ${describeRun(r)}`);
        return r;
      } catch (err) {
        log(`  ${label}: FAILED: ${err.message}`);
        errors.push(`${label}: ${err.message}`);
        return null;
      }
    };
    const openCtx = { o, runOne, attempt, outFile };

    // Rounds: the tools alternate, each round starting with the next one, so no tool always
    // runs first (or right after another).
    if (o.has('workers') && !targets.nginx) log('workers section skipped: it runs against nginx (add it to --targets)');
    for (let round = 1; round <= o.rounds; round++) {
      log(`round ${round}/${o.rounds}`);
      for (const name of o.targets) {
        const target = targets[name];
        const order = TOOLS.map((_, i) => TOOLS[(i + round - 1) % TOOLS.length]);
        for (const tool of o.has('closed') ? order : []) {
          const common = { url: target.url, durationS: o.durationS };
          const spec =
            tool === 'go-heavy'
              ? goHeavyRun({ ...common, users: TARGETS.users, warmupS: o.warmupS, out: outFile() })
              : tool === 'autocannon'
                ? autocannonRun({ ...common, connections: TARGETS.users })
                : wrkRun({ ...common, connections: TARGETS.users });
          const r = await attempt(`${name} ${tool}`, () => runOne(target, spec, { kind: 'closed', round, durationS: o.durationS }));
          if (r) closed.push(r);
        }
        if (name === 'nginx' && o.has('open')) open.push(...(await openModelRound(openCtx, target, round)));
        // Worker threads: 1, 2 and auto side by side, in the same rounds as the rest.
        if (name === 'nginx' && o.has('workers')) workers.push(...(await workersRound(openCtx, targets.workersNginx ?? target, round)));
      }
    }

    // Steady state: CPU per request over a server-counted window, both tools warmed up.
    let steady = null;
    if (o.steady && o.has('steady') && targets.nginx) {
      log(`steady state (${o.rounds} round(s): ${TARGETS.steadyWarmupS} s warm-up, ${TARGETS.steadyWindowS} s window)`);
      steady = await steadyRounds(targets.nginx, { rounds: o.rounds, users: TARGETS.users, warmupS: TARGETS.steadyWarmupS, windowS: TARGETS.steadyWindowS, out: outFile, log });
      errors.push(...steady.errors);
    }

    // Start-up: one request, wall time from spawn to exit, alternately.
    const startupTarget = targets.nginx ?? targets.node;
    const startup = [];
    const startupSamples = o.has('startup') ? o.startupSamples : 0;
    if (startupSamples) log(`start-up (${o.startupSamples} each)`);
    for (let i = 0; i < startupSamples; i++) {
      for (const tool of ['go-heavy', 'autocannon']) {
        const spec = tool === 'go-heavy' ? goHeavyRun({ url: startupTarget.url, users: 1, iterations: 1, out: outFile() }) : autocannonOnce({ url: startupTarget.url });
        const r = await attempt(`start-up ${tool}`, async () => {
          const one = await runOne(startupTarget, spec, { kind: 'startup', sample: i + 1 });
          if (one.received !== 1 || one.errors) throw new Error(`the server received ${one.received} request(s), expected 1 (errors: ${one.errors ?? 0})`);
          return one;
        });
        if (r) startup.push(r);
      }
    }

    // Memory: a long run's peak RSS against a 10 s run's (the closed rounds' when they were 10 s).
    let memory = null;
    if (o.memory && !targets.nginx) log('memory check skipped: it runs against nginx (add it to --targets)');
    if (o.memory && targets.nginx) {
      log(`memory: go-heavy --users ${TARGETS.users}, ${TARGETS.memoryShortS} s vs ${TARGETS.memoryLongS} s`);
      let short = closed.filter((r) => r.target === 'nginx' && r.tool === 'go-heavy' && r.durationS === TARGETS.memoryShortS && o.warmupS === TARGETS.warmupS);
      if (short.length === 0) {
        const spec = goHeavyRun({ url: targets.nginx.url, users: TARGETS.users, durationS: TARGETS.memoryShortS, warmupS: TARGETS.warmupS, out: outFile() });
        const r = await attempt(`nginx go-heavy ${TARGETS.memoryShortS}s`, () => runOne(targets.nginx, spec, { kind: 'memory', durationS: TARGETS.memoryShortS }));
        short = r ? [r] : [];
      }
      const spec = goHeavyRun({ url: targets.nginx.url, users: TARGETS.users, durationS: TARGETS.memoryLongS, warmupS: TARGETS.warmupS, out: outFile() });
      const long = await attempt(`nginx go-heavy ${TARGETS.memoryLongS}s`, () => runOne(targets.nginx, spec, { kind: 'memory', durationS: TARGETS.memoryLongS }));
      const shortRss = median(short.map((r) => r.maxRssMB));
      memory = {
        shortS: TARGETS.memoryShortS,
        longS: TARGETS.memoryLongS,
        shortRssMB: shortRss,
        longRssMB: long?.maxRssMB ?? null,
        growthMB: long && shortRss != null ? long.maxRssMB - shortRss : null,
        runs: [...short.filter((r) => r.kind === 'memory'), ...(long ? [long] : [])],
      };
    }

    // Open model, once: a slow target, a closed run at the same throughput, a low rate's cost.
    let openOnce = [];
    if (o.has('open')) {
      log('open model: slow target and low rate');
      openOnce = await openModelOnce(openCtx, targets.nginx);
    }

    await stopTargets();

    // Medians and ratios.
    const byTarget = {};
    for (const name of o.targets) {
      const runs = closed.filter((r) => r.target === name);
      const tools = Object.fromEntries(TOOLS.map((t) => [t, summarise(runs, t)]));
      const g = tools['go-heavy'];
      const a = tools.autocannon;
      const w = tools.wrk;
      byTarget[name] = {
        tools,
        ratios: {
          rpsVsAutocannon: ratio(g?.rps, a?.rps),
          rpsVsWrk: ratio(g?.rps, w?.rps),
          cpuVsAutocannon: ratio(g?.cpuUsPerRequest, a?.cpuUsPerRequest),
          cpuVsWrk: ratio(g?.cpuUsPerRequest, w?.cpuUsPerRequest),
          // The same ratios within each round, then the median: less sensitive to background load.
          pairedRpsVsAutocannon: pairedRatio(runs, name, 'go-heavy', 'autocannon'),
          pairedRpsVsWrk: pairedRatio(runs, name, 'go-heavy', 'wrk'),
          pairedCpuVsAutocannon: pairedRatio(runs, name, 'go-heavy', 'autocannon', 'cpuUsPerRequest'),
        },
      };
    }
    const startupSummary = {
      goHeavyMs: median(startup.filter((s) => s.tool === 'go-heavy').map((s) => s.wallMs)),
      autocannonMs: median(startup.filter((s) => s.tool === 'autocannon').map((s) => s.wallMs)),
    };
    startupSummary.ratio = ratio(startupSummary.goHeavyMs, startupSummary.autocannonMs);

    // Checks against the targets (on nginx, the reference target).
    const checks = [];
    const ref = byTarget.nginx ?? byTarget[o.targets[0]];
    const refName = byTarget.nginx ? 'nginx' : o.targets[0];
    const g = ref?.tools['go-heavy'];
    if (o.has('closed')) {
      checks.push(
        check(
          `closed req/s ≥ ${TARGETS.rpsVsAutocannon.toFixed(1)}× autocannon (${refName})`,
          `≥ ${TARGETS.rpsVsAutocannon.toFixed(2)}×`,
          fmt.ratio(ref.ratios.rpsVsAutocannon),
          ref.ratios.rpsVsAutocannon != null && ref.ratios.rpsVsAutocannon >= TARGETS.rpsVsAutocannon,
          `vs wrk ${fmt.ratio(ref.ratios.rpsVsWrk)}; within rounds: ${fmt.ratio(ref.ratios.pairedRpsVsAutocannon)} and ${fmt.ratio(ref.ratios.pairedRpsVsWrk)}`,
        ),
      );
      checks.push(
        check(
          `CPU µs/request ≤ autocannon's (${refName})`,
          `≤ ${TARGETS.cpuVsAutocannon.toFixed(2)}×`,
          fmt.ratio(ref.ratios.cpuVsAutocannon),
          ref.ratios.cpuVsAutocannon != null && ref.ratios.cpuVsAutocannon <= TARGETS.cpuVsAutocannon,
          `${fmt.num(g?.cpuUsPerRequest)} vs ${fmt.num(ref.tools.autocannon?.cpuUsPerRequest)} µs; within rounds: ${fmt.ratio(ref.ratios.pairedCpuVsAutocannon)}`,
        ),
      );
      checks.push(
        check(`peak RSS at ${TARGETS.users} users`, `≤ ${TARGETS.rssMB} MB`, `${fmt.num(g?.peakRssMB)} MB`, g?.peakRssMB != null && g.peakRssMB <= TARGETS.rssMB, 'highest of the closed runs'),
      );
    }
    if (steady) {
      for (const variant of ['go-heavy', 'go-heavy-absolute']) {
        const r = steady.summary.ratios[variant]?.cpuVsAutocannon;
        const t = steady.summary.tools;
        checks.push(
          check(
            `steady CPU µs/request ≤ ${TARGETS.steadyCpuVsAutocannon}× autocannon's (${variant === 'go-heavy' ? 'relative' : 'absolute'} URL)`,
            `≤ ${TARGETS.steadyCpuVsAutocannon.toFixed(2)}×`,
            fmt.ratio(r?.median),
            r != null && r.median <= TARGETS.steadyCpuVsAutocannon,
            `${fmt.num(t[variant]?.cpuUsPerRequest)} vs ${fmt.num(t.autocannon?.cpuUsPerRequest)} µs (wrk ${fmt.num(t.wrk?.cpuUsPerRequest)}); per round ${r ? r.all.map(fmt.ratio).join(', ') : 'n/a'}`,
          ),
        );
      }
    }
    const ghRuns = [...closed, ...open, ...openOnce, ...startup, ...(memory?.runs ?? []), ...(steady?.runs ?? []), ...workers].filter((r) => r.tool.startsWith('go-heavy'));
    const inexact = ghRuns.filter((r) => r.diff !== 0);
    checks.push(
      check(
        'exact accounting: go-heavy reported = server received',
        'every run',
        inexact.length ? `${inexact.length} of ${ghRuns.length} differ` : `${ghRuns.length} of ${ghRuns.length} equal`,
        ghRuns.length > 0 && inexact.length === 0,
        inexact.map((r) => `${r.target} ${r.kind} r${r.round ?? '-'}: ${fmt.signed(r.diff)}`).join('; ') || 'in-flight requests at the end are awaited and counted',
      ),
    );
    const openModel = openModelChecks(openCtx, open, openOnce, g?.cpuUsPerRequest);
    checks.push(...openModel.checks);
    if (memory) {
      checks.push(
        check(
          `memory: ${memory.longS} s peak RSS − ${memory.shortS} s peak RSS`,
          `≤ ${TARGETS.memoryGrowthMB} MB`,
          `${fmt.num(memory.growthMB)} MB`,
          memory.growthMB != null && memory.growthMB <= TARGETS.memoryGrowthMB,
          `${fmt.num(memory.longRssMB)} vs ${fmt.num(memory.shortRssMB)} MB`,
        ),
      );
    }
    const workersSummary = summariseWorkers(workers, o, targets.workersNginx ?? targets.nginx);
    checks.push(...workersChecks(workers, workersSummary).checks);
    if (startup.length)
      checks.push(
        check(
          'start-up: --iterations 1 vs autocannon -a 1',
          `≤ ${TARGETS.startupVsAutocannon.toFixed(2)}×`,
          fmt.ratio(startupSummary.ratio),
          startupSummary.ratio != null && startupSummary.ratio <= TARGETS.startupVsAutocannon,
          `${fmt.num(startupSummary.goHeavyMs, 0)} vs ${fmt.num(startupSummary.autocannonMs, 0)} ms (median of ${o.startupSamples})`,
        ),
      );

    // Print.
    const out = [];
    out.push('');
    out.push(`go-heavy bench (${o.mode}), ${new Date(started).toISOString().slice(0, 10)}, commit ${machine.commit ?? 'n/a'}`);
    out.push(`${machine.nproc} × ${machine.cpuModel}, node ${machine.node}, nginx ${machine.nginx}, wrk ${machine.wrk}, autocannon ${machine.autocannon}; ${machine.pinning}`);
    if (o.has('closed')) out.push(`closed model, ${TARGETS.users} connections/users, ${o.durationS} s per run, medians of ${o.rounds} round(s)`);
    for (const name of o.has('closed') ? o.targets : []) {
      out.push('');
      out.push(`target: ${name}`);
      out.push(textTable(tableRows(byTarget[name])));
    }
    if (steady) {
      out.push('');
      out.push(`steady state on nginx: CPU from /proc over a ${TARGETS.steadyWindowS} s server-counted window after ${TARGETS.steadyWarmupS} s of warm-up; medians, ratios within rounds (range)`);
      out.push(steadyTable(steady.summary));
    }
    // (--smoke's one short run has no window: its check row says what it proved.)
    if (workersSummary?.windowS != null) {
      out.push('');
      out.push(
        `worker threads against ${nginxPlacement(workersSummary.nginx)}, the load generators unpinned: closed model, ${workersSummary.users} connections, CPU from /proc over a ${fmt.num(workersSummary.windowS, 0)} s window after a warm-up; medians, ratios to 1 worker within rounds (range)`,
      );
      out.push(textTable(workersClosedRows(workersSummary)));
      if (Object.keys(workersSummary.open).length) {
        out.push('');
        out.push(`open model, --rate ${workersSummary.rate} for ${workersSummary.durationS} s on each worker count`);
        out.push(textTable(workersOpenRows(workersSummary)));
      }
      out.push(workersNotes(workersSummary).join('\n'));
    }
    out.push('');
    out.push('checks');
    // In --smoke only the accounting check gates: 2-second runs are too short to judge speed.
    for (const c of checks) c.gating = o.mode !== 'smoke' || c.name.startsWith('exact accounting');
    out.push(textTable([['check', 'target', 'measured', 'result', 'detail'], ...checks.map((c) => [c.name, c.target, c.value, `${c.pass ? 'PASS' : 'FAIL'}${c.gating ? '' : ' (info)'}`, c.detail])]));
    if (checks.some((c) => !c.gating)) out.push('(info): not judged in --smoke; 2-second runs only show that everything runs');
    if (errors.length) {
      out.push('');
      out.push(`${errors.length} run(s) failed:`);
      for (const e of errors) out.push(`  ${e}`);
    }
    const elapsedS = (Date.now() - started) / 1000;
    machine.buildAtEnd = buildFingerprint();
    if (machine.buildAtEnd !== machine.build) {
      out.push('');
      out.push(`warning: go-heavy was rebuilt during the bench (build ${machine.build} → ${machine.buildAtEnd}): the figures mix two builds; rerun`);
    }
    const measuredRuns = [...closed, ...openModel.runs, ...(memory?.runs ?? []), ...workers];
    const noisyRuns = measuredRuns.filter(noisy);
    if (noisyRuns.length) {
      const worst = max(noisyRuns.map(otherShare));
      out.push('');
      out.push(
        `warning: other processes used CPU during ${noisyRuns.length} of ${measuredRuns.length} runs (up to ${Math.round(worst * 100)} % of a CPU): the figures are noisy; rerun on a quiet machine`,
      );
    }
    out.push('');
    out.push(`took ${elapsedS.toFixed(1)} s; results in ${path.relative(process.cwd(), o.out) || o.out}`);
    process.stdout.write(`${out.join('\n')}\n`);

    const result = {
      schemaVersion: 1,
      date: new Date(started).toISOString(),
      elapsedS,
      mode: o.mode,
      options: {
        steady: o.steady,
        rounds: o.rounds,
        durationS: o.durationS,
        warmupS: o.warmupS,
        targets: o.targets,
        users: TARGETS.users,
        openRate: o.openRate,
        openDurationS: o.openDurationS,
        memory: o.memory,
        startupSamples: o.startupSamples,
        sections: [...o.sections],
        nginxWorkers: o.nginxWorkers,
      },
      machine,
      targets: TARGETS,
      summary: byTarget,
      openModel: openModel.summary,
      startup: startupSummary,
      steady: steady && steady.summary,
      memory: memory && { ...memory, runs: undefined },
      workers: workersSummary,
      checks,
      errors,
      // Share of a CPU that other processes (and the hypervisor) took during the measured runs.
      noise: {
        runs: measuredRuns.length,
        noisyRuns: noisyRuns.length,
        medianOtherCpuShare: median(measuredRuns.map(otherShare)),
        maxOtherCpuShare: max(measuredRuns.map(otherShare)),
      },
      runs: [...closed, ...openModel.runs, ...startup, ...(memory?.runs ?? []), ...(steady?.runs ?? []), ...workers],
    };
    mkdirSync(path.dirname(o.out), { recursive: true });
    const tmp = `${o.out}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`);
    renameSync(tmp, o.out);

    // Exit code: a failed run, or go-heavy's count differing from the server's, is an error in
    // every mode; the performance targets only with --strict.
    const accounting = checks.find((c) => c.name.startsWith('exact accounting'));
    if (errors.length) return 1;
    if (!accounting.pass) {
      process.stderr.write('bench: go-heavy reported a request count different from what the server received\n');
      return 1;
    }
    if (o.strict && checks.some((c) => !c.pass)) return 1;
    return 0;
  } finally {
    await stopTargets();
  }
}

function tableRows(summary) {
  const a = summary.tools.autocannon;
  const rows = [['tool', 'req/s', 'vs autocannon', 'vs wrk', 'CPU µs/req', 'CPU vs autocannon', 'RSS MB', 'reported − received', 'errors']];
  for (const tool of TOOLS) {
    const s = summary.tools[tool];
    if (!s) {
      rows.push([tool, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
      continue;
    }
    const w = summary.tools.wrk;
    const diffs = s.diffs.every((d) => d === s.diffs[0]) ? fmt.signed(s.diffs[0]) : `${fmt.signed(s.diff)} (${Math.min(...s.diffs)}…${Math.max(...s.diffs)})`;
    rows.push([
      tool,
      fmt.int(s.rps),
      fmt.ratio(ratio(s.rps, a?.rps)),
      fmt.ratio(ratio(s.rps, w?.rps)),
      fmt.num(s.cpuUsPerRequest),
      fmt.ratio(ratio(s.cpuUsPerRequest, a?.cpuUsPerRequest)),
      fmt.num(s.maxRssMB),
      diffs,
      String(s.errors),
    ]);
  }
  return rows;
}

main().then(
  (code) => {
    cleanupAll();
    process.exit(code);
  },
  (err) => fail(process.env.BENCH_DEBUG ? err?.stack : (err?.message ?? String(err)).split('\n')[0]),
);
