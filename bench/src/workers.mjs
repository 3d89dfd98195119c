// The worker-threads part of the bench: the same closed-model load against nginx on 1 thread
// (no flag), `--workers 2` and `--workers auto`, with autocannon and wrk (1 and 2 threads) beside
// them, then an open-model rate on the same worker counts. Every run is measured over a window
// after a warm-up (steady.mjs's windowRun: the server's count, the whole process's CPU from
// /proc, worker threads included) and its whole run is checked for exact accounting.
//
// Unlike the rest of the bench, the load generators here are not pinned to one CPU: a second
// worker needs a second core. nginx stays on CPU 0, so on a 2-CPU machine the load generator and
// the target share the cores, and the table shows the shape of the curve, not a doubling.
// main.mjs calls workersRound() in each round and workersChecks() at the end; report.mjs turns
// the summary into docs/benchmarks.md's "workers" block with workersMarkdown().
import os from 'node:os';
import { max, median, ratio } from './stats.mjs';
import { TAIL_S, windowRun } from './steady.mjs';
import { fmt, markdownTable } from './table.mjs';
import { autocannonRun, goHeavyRun, wrkRun } from './tools.mjs';

const WORKERS_TARGETS = {
  /** Keep-alive connections (users) of the closed runs: enough to saturate one core or two. */
  users: 128,
  /** The open-model rate of the rate runs (iterations per second over all workers). */
  rate: 5000,
  /** Received = rate × duration within this share (the single-thread open model's tolerance). */
  tolerance: 0.005,
  /**
   * Steady CPU per request on 2 workers against 1 worker (within rounds, median). Measured
   * 0.84–1.12× per round (medians 0.88–1.05×) over three runs on a 2-CPU VM shared with other
   * work; the headroom covers a slower, noisier machine.
   */
  cpuVsOneWorker: 1.6,
};

/** Window lengths per bench mode; `smoke` makes one short whole run instead (see workersRound). */
function preset(mode) {
  return {
    full: { warmupS: 2, windowS: 10, openWarmupS: 1, openWindowS: 5 },
    quick: { warmupS: 2, windowS: 5, openWarmupS: 1, openWindowS: 3 },
    smoke: { users: 16, durationS: 1 },
  }[mode];
}

/** The one-thread row every ratio is taken against. */
const ONE_WORKER = 'go-heavy';

/** The closed-model rows, in the first round's order (later rounds rotate it). */
const CLOSED = [
  { name: ONE_WORKER, asked: 1, make: (c) => goHeavyRun({ ...c, users: c.users }) },
  { name: 'go-heavy --workers 2', asked: 2, make: (c) => goHeavyRun({ ...c, users: c.users, workers: 2 }) },
  { name: 'go-heavy --workers auto', asked: 'auto', make: (c) => goHeavyRun({ ...c, users: c.users, workers: 'auto' }) },
  { name: 'autocannon', reference: true, make: (c) => autocannonRun({ ...c, connections: c.users }) },
  { name: 'wrk -t1', reference: true, make: (c) => wrkRun({ ...c, connections: c.users, threads: 1 }) },
  { name: 'wrk -t2', reference: true, make: (c) => wrkRun({ ...c, connections: c.users, threads: 2 }) },
];

/** The open-model rows: the same rate on each worker count. */
const OPEN = [
  { name: 'go-heavy --rate', asked: 1, workers: undefined },
  { name: 'go-heavy --rate --workers 2', asked: 2, workers: 2 },
  { name: 'go-heavy --rate --workers auto', asked: 'auto', workers: 'auto' },
];

const rotate = (list, round) => list.map((_, i) => list[(i + round - 1) % list.length]);

/** The worker count `--workers auto` takes here (apps/cli's rule: cores − 1 above two cores). */
function autoWorkers(cores = os.availableParallelism()) {
  return cores > 2 ? cores - 1 : cores;
}

/**
 * One round of the workers section against `target` (nginx). `ctx`: `{ o, attempt, outFile,
 * runOne }` from main.mjs. Returns the runs that completed, each with `kind` ('workers' or
 * 'workers-open'), `variant`, `asked` and (go-heavy) `workers`, the count that ran.
 */
export async function workersRound(ctx, target, round) {
  const { o, attempt, outFile } = ctx;
  const p = preset(o.mode);
  const runs = [];
  if (o.mode === 'smoke') {
    // CI: one short run on 2 workers; it proves the plumbing runs and counts every request.
    const spec = goHeavyRun({ url: target.url, users: p.users, durationS: p.durationS, out: outFile(), workers: 2 });
    const r = await attempt(`nginx go-heavy --workers 2 --users ${p.users} ${p.durationS}s`, async () => {
      const one = await ctx.runOne(target, spec, { kind: 'workers', round, variant: 'go-heavy --workers 2', asked: 2, durationS: p.durationS }, { cpu: null });
      if (one.workers !== 2) throw new Error(`ran on ${one.workers} worker(s), expected 2`);
      return one;
    });
    if (r) runs.push(r);
    return runs;
  }
  const users = WORKERS_TARGETS.users;
  for (const v of rotate(CLOSED, round)) {
    const durationS = p.warmupS + p.windowS + TAIL_S;
    const r = await attempt(`workers: nginx ${v.name} ${users} conns`, async () => {
      const spec = v.make({ url: target.url, users, durationS, warmupS: 0, out: outFile() });
      const run = await windowRun(target, spec, { warmupS: p.warmupS, windowS: p.windowS, cpu: null });
      return { ...run, kind: 'workers', round, variant: v.name, asked: v.asked ?? null, reference: Boolean(v.reference), users, durationS };
    });
    if (r) runs.push(r);
  }
  const rate = WORKERS_TARGETS.rate;
  for (const v of rotate(OPEN, round)) {
    const durationS = p.openWarmupS + p.openWindowS + TAIL_S;
    const r = await attempt(`workers: nginx go-heavy --rate ${rate}${v.workers ? ` --workers ${v.workers}` : ''} ${durationS}s`, async () => {
      const spec = goHeavyRun({ url: target.url, rate, durationS, warmupS: 0, out: outFile(), workers: v.workers });
      const run = await windowRun(target, spec, { warmupS: p.openWarmupS, windowS: p.openWindowS, cpu: null });
      return { ...run, kind: 'workers-open', round, variant: v.name, asked: v.asked, rate, durationS, scheduled: rate * durationS };
    });
    if (r) runs.push(r);
  }
  return runs;
}

/** log line for one run of this section. */
export function describeWorkersRun(r) {
  const parts = [`${fmt.int(r.rps)} req/s`, `reported ${fmt.int(r.reported)}`, `received ${fmt.int(r.received)} (${fmt.signed(r.diff)})`];
  if (r.workers != null) parts.push(`${r.workers} thread(s) ran`);
  if (r.cpuShare != null)
    parts.push(
      `CPU ${fmt.num(r.cpuUsPerRequest)} µs/req (${fmt.num(r.cpuShare * 100, 0)} % of a CPU; nginx ${fmt.num(r.serverShare * 100, 0)} %; others ${r.otherShare == null ? 'n/a' : `${fmt.num(r.otherShare * 100, 0)} %`})`,
    );
  else if (r.cpuUsPerRequest != null) parts.push(`CPU ${fmt.num(r.cpuUsPerRequest)} µs/req`);
  if (r.maxRssMB != null) parts.push(`RSS ${fmt.num(r.maxRssMB)} MB`);
  if (r.dropped) parts.push(`dropped ${r.dropped}`);
  if (r.errors) parts.push(`errors ${r.errors}`);
  return parts.join(', ');
}

/** `a[key] / b[key]` within each round where both ran, then the median (and every ratio). */
function paired(runs, a, b, key) {
  const ratios = [];
  for (const x of runs.filter((r) => r.variant === a)) {
    const y = runs.find((r) => r.variant === b && r.round === x.round);
    const q = ratio(x[key], y?.[key]);
    if (q != null) ratios.push(q);
  }
  return ratios.length ? { median: median(ratios), all: ratios } : null;
}

function summariseVariant(mine) {
  // CPU outside the steady rate: the whole run's CPU less what its requests cost at the window's
  // rate, i.e. start-up (threads, modules, the workflow), the warm-up's extra and the end (merge).
  // An estimate: noise in the window can make it come out below 0, shown as 0.
  const fixed = mine.map((r) => (r.cpuUs == null || r.cpuUsPerRequest == null ? null : Math.max(0, (r.cpuUs - r.cpuUsPerRequest * r.received) / 1e6)));
  return {
    runs: mine.length,
    workers: max(mine.map((r) => r.workers)),
    rps: median(mine.map((r) => r.rps)),
    cpuUsPerRequest: median(mine.map((r) => r.cpuUsPerRequest)),
    cpuShare: median(mine.map((r) => r.cpuShare)),
    serverShare: median(mine.map((r) => r.serverShare)),
    fixedCpuS: median(fixed),
    maxRssMB: median(mine.map((r) => r.maxRssMB)),
    peakRssMB: max(mine.map((r) => r.maxRssMB)),
    diffs: mine.map((r) => r.diff),
    received: mine.map((r) => r.received),
    dropped: mine.reduce((a, r) => a + (r.dropped ?? 0), 0),
    errors: mine.reduce((a, r) => a + (r.errors ?? 0), 0),
    lagP99Ms: median(mine.map((r) => r.lagP99Ms)),
    otherShare: median(mine.map((r) => r.otherShare)),
  };
}

/** Medians per row and the ratios to the one-thread row, within rounds. */
export function summariseWorkers(runs, o, target) {
  if (runs.length === 0) return null;
  const summary = {
    nginx: { workers: target?.workers ?? 1, cpus: target?.cpus ?? null },
    mode: o.mode,
    users: WORKERS_TARGETS.users,
    rate: WORKERS_TARGETS.rate,
    cores: os.availableParallelism(),
    auto: autoWorkers(),
    closed: {},
    open: {},
  };
  for (const [kind, list, into, one] of [
    ['workers', CLOSED, summary.closed, ONE_WORKER],
    ['workers-open', OPEN, summary.open, OPEN[0].name],
  ]) {
    const mine = runs.filter((r) => r.kind === kind);
    for (const v of list) {
      const rows = mine.filter((r) => r.variant === v.name);
      if (rows.length === 0) continue;
      into[v.name] = {
        ...summariseVariant(rows),
        asked: v.asked ?? null,
        reference: Boolean(v.reference),
        vsOne: {
          rps: paired(mine, v.name, one, 'rps'),
          cpuUsPerRequest: paired(mine, v.name, one, 'cpuUsPerRequest'),
          cpuShare: paired(mine, v.name, one, 'cpuShare'),
          maxRssMB: paired(mine, v.name, one, 'maxRssMB'),
        },
      };
    }
  }
  const closedRuns = runs.filter((r) => r.kind === 'workers');
  summary.wrkTwoVsOne = paired(closedRuns, 'wrk -t2', 'wrk -t1', 'rps');
  summary.durationS = median(runs.filter((r) => r.kind === 'workers-open').map((r) => r.durationS));
  summary.windowS = median(closedRuns.map((r) => (r.windowMs == null ? null : r.windowMs / 1000)));
  summary.medianOtherShare = median(runs.map((r) => r.otherShare));
  return summary;
}

const range = (p) => {
  if (!p) return 'n/a';
  const lo = fmt.ratio(Math.min(...p.all));
  const hi = fmt.ratio(Math.max(...p.all));
  return lo === hi ? fmt.ratio(p.median) : `${fmt.ratio(p.median)} (${lo}…${hi})`;
};

const diffsText = (diffs) => (diffs.every((d) => d === diffs[0]) ? fmt.signed(diffs[0]) : `${fmt.signed(median(diffs))} (${diffs.map(fmt.signed).join(', ')})`);

/** "nginx (1 process on CPU 0)", from the summary's `nginx`. */
export function nginxPlacement(n) {
  const where = n.cpus == null ? 'unpinned' : n.cpus.includes('-') ? `on CPUs ${n.cpus.replace('-', '–')}` : `on CPU ${n.cpus}`;
  return `nginx (${n.workers} worker process${n.workers > 1 ? 'es' : ''}, ${where})`;
}

/** The closed-model table: header row first (text or Markdown, see table.mjs). */
export function workersClosedRows(summary) {
  const rows = [
    ['tool', 'threads', 'req/s', 'req/s vs 1 worker', 'CPU µs/req', 'CPU/req vs 1 worker', 'CPUs busy', 'nginx CPU', 'CPU s outside the window rate', 'peak RSS MB', 'reported − received'],
  ];
  for (const [name, t] of Object.entries(summary.closed)) {
    rows.push([
      name,
      t.workers != null ? String(t.workers) : name === 'wrk -t2' ? '2' : '1',
      fmt.int(t.rps),
      range(t.vsOne.rps),
      fmt.num(t.cpuUsPerRequest),
      range(t.vsOne.cpuUsPerRequest),
      fmt.num(t.cpuShare, 2),
      `${fmt.num(t.serverShare * 100, 0)} %`,
      fmt.num(t.fixedCpuS, 2),
      fmt.num(t.peakRssMB),
      diffsText(t.diffs),
    ]);
  }
  return rows;
}

/** The open-model table: header row first. */
export function workersOpenRows(summary) {
  const rows = [['run', 'threads', 'received', 'scheduled', 'CPU µs/req', 'CPU/req vs 1 worker', 'CPU s outside the window rate', 'peak RSS MB', 'lag p99', 'dropped', 'reported − received']];
  for (const [name, t] of Object.entries(summary.open)) {
    rows.push([
      name.replace('--rate', `--rate ${summary.rate}`),
      String(t.workers ?? 'n/a'),
      t.received.every((n) => n === t.received[0]) ? fmt.int(t.received[0]) : t.received.map(fmt.int).join(', '),
      fmt.int(summary.rate * summary.durationS),
      fmt.num(t.cpuUsPerRequest),
      range(t.vsOne.cpuUsPerRequest),
      fmt.num(t.fixedCpuS, 2),
      fmt.num(t.peakRssMB),
      fmt.ms(t.lagP99Ms),
      String(t.dropped),
      diffsText(t.diffs),
    ]);
  }
  return rows;
}

/** The lines under the tables: what `auto` took, wrk's own scaling, the noise. */
export function workersNotes(summary) {
  const notes = [`${summary.cores} CPUs available: \`--workers auto\` took ${summary.auto} worker(s).`];
  if (summary.wrkTwoVsOne) notes.push(`wrk with 2 threads made ${range(summary.wrkTwoVsOne)} the req/s of wrk with 1: what a second load-generating thread gives on this machine, whatever the tool.`);
  if (summary.medianOtherShare != null) notes.push(`Other processes used a median ${fmt.num(summary.medianOtherShare * 100, 0)} % of a CPU during the windows.`);
  return notes;
}

/** `{ checks }`: the section's rows in main.mjs's checks table. */
export function workersChecks(runs, summary) {
  const checks = [];
  const check = (name, target, value, pass, detail) => checks.push({ name, target, value, pass, detail });
  const gh = runs.filter((r) => r.tool === 'go-heavy');
  if (gh.length === 0) return { checks };
  const inexact = gh.filter((r) => r.diff !== 0);
  const wrongCount = gh.filter((r) => typeof r.asked === 'number' && r.workers !== r.asked);
  const counts = [...new Set(gh.map((r) => r.workers))].sort((a, b) => a - b);
  check(
    'exact accounting on worker threads: reported = received',
    'every worker count',
    inexact.length ? `${inexact.length} of ${gh.length} differ` : `${gh.length} of ${gh.length} equal`,
    inexact.length === 0 && wrongCount.length === 0,
    [
      `threads that ran: ${counts.join(', ')}`,
      ...inexact.map((r) => `${r.variant} r${r.round}: ${fmt.signed(r.diff)}`),
      ...wrongCount.map((r) => `${r.variant} r${r.round} ran on ${r.workers} thread(s)`),
    ].join('; '),
  );
  if (!summary || Object.keys(summary.open).length === 0) return { checks };
  const open = Object.entries(summary.open);
  const expected = summary.rate * summary.durationS;
  const lo = expected * (1 - WORKERS_TARGETS.tolerance);
  const hi = expected * (1 + WORKERS_TARGETS.tolerance);
  const outside = open.flatMap(([, t]) => t.received.filter((n) => n < lo || n > hi));
  const dropped = open.reduce((a, [, t]) => a + t.dropped + t.errors, 0);
  check(
    `workers: --rate ${summary.rate} for ${summary.durationS} s on each worker count`,
    `${fmt.int(expected)} ± ${WORKERS_TARGETS.tolerance * 100} %, no drops or errors`,
    open.map(([, t]) => fmt.int(median(t.received))).join(' / '),
    outside.length === 0 && dropped === 0,
    open.map(([, t]) => `${t.workers} thread(s): ${t.received.map(fmt.int).join(', ')}`).join('; '),
  );
  const two = summary.closed['go-heavy --workers 2'];
  const q = two?.vsOne.cpuUsPerRequest;
  check(
    'workers: steady CPU µs/request on 2 workers vs 1',
    `≤ ${WORKERS_TARGETS.cpuVsOneWorker.toFixed(2)}×`,
    fmt.ratio(q?.median),
    q != null && q.median <= WORKERS_TARGETS.cpuVsOneWorker,
    `${fmt.num(two?.cpuUsPerRequest)} vs ${fmt.num(summary.closed[ONE_WORKER]?.cpuUsPerRequest)} µs, ${summary.users} connections; per round ${q ? q.all.map(fmt.ratio).join(', ') : 'n/a'}; req/s ${range(two?.vsOne.rps)}`,
  );
  return { checks };
}

/** The command line of the run, as a reader would type it again. */
function command(r) {
  const flags = [];
  if (r.mode !== 'full') flags.push(`--${r.mode}`);
  const sections = r.options.sections ?? [];
  if (sections.length && sections.length < 6) flags.push(`--only ${sections.join(',')}`);
  if ((r.options.nginxWorkers ?? 1) > 1) flags.push(`--nginx-workers ${r.options.nginxWorkers}`);
  return flags.length ? `npm run bench -- ${flags.join(' ')}` : 'npm run bench';
}

/** The Markdown of docs/benchmarks.md's "workers" block, from a results file with `workers`. */
export function workersMarkdown(r) {
  const s = r.workers;
  const m = r.machine;
  const lines = [];
  lines.push(
    `Measured ${r.date.slice(0, 10)} at commit \`${m.commit ?? 'n/a'}\` with \`${command(r)}\` (${r.options.rounds} round(s)) on ${m.nproc} × ${m.cpuModel ?? 'n/a'}, node ${m.node}, against ${nginxPlacement(s.nginx ?? { workers: 1, cpus: '0' })}, the load generators unpinned. Closed model, ${s.users} connections; each row measured over a ${fmt.num(s.windowS, 0)} s window after a warm-up; medians, and ratios to the 1-worker row within each round (range).`,
  );
  lines.push('');
  lines.push(markdownTable(workersClosedRows(s)));
  if (Object.keys(s.open).length) {
    lines.push('');
    lines.push(`Open model, \`--rate ${s.rate}\` for ${s.durationS} s (the whole run's count; CPU over a window after a warm-up):`);
    lines.push('');
    lines.push(markdownTable(workersOpenRows(s)));
  }
  lines.push('');
  lines.push(workersNotes(s).join(' '));
  const checks = (r.checks ?? []).filter((c) => c.name.includes('worker'));
  if (checks.length) {
    lines.push('');
    lines.push(markdownTable([['check', 'target', 'measured', 'result', 'detail'], ...checks.map((c) => [c.name, c.target, c.value, c.pass ? 'PASS' : '**FAIL**', c.detail])]));
  }
  return lines.join('\n');
}
