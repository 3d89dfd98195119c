// The open-model part of the bench: `--rate` runs against nginx in every round, then (once) a
// slow node target that needs hundreds of concurrent iterations, a closed run at the same
// throughput to compare CPU per request with, and the cost of a low rate. main.mjs calls
// openModelRound() in each round, openModelOnce() after the rounds and openModelChecks() at the
// end; the runs go through its runOne() (GNU time, server counts), with the connections the
// target accepted meanwhile added here.
import { readdirSync, readFileSync } from 'node:fs';
import { startNodeTarget } from './node-target.mjs';
import { sleep } from './procs.mjs';
import { max, median, ratio } from './stats.mjs';
import { fmt } from './table.mjs';
import { goHeavyRun } from './tools.mjs';

// The targets for the open model.
const OPEN_TARGETS = {
  tolerance: 0.005,
  lagP99Ms: 2,
  /** Open-model CPU per request against the closed model's at the same throughput. */
  cpuVsClosed: 1.5,
  /** Share of a core a low rate may cost after start-up. */
  idleCpuShare: 0.01,
  /** Slack over the concurrency a slow target needs (rate × delay) for connections and users. */
  concurrencySlack: 1.25,
};

/** The slow target and the low rate per bench mode (the `--rate` runs use main's openRate). */
function preset(mode) {
  return {
    full: { slow: { rate: 2000, delayMs: 200, durationS: 5, cappedUsers: 300, closed: true }, idle: { rate: 10, durationS: 20, fromS: 4, toS: 18 } },
    quick: { slow: { rate: 2000, delayMs: 200, durationS: 5, cappedUsers: 300, closed: true }, idle: null },
    smoke: { slow: { rate: 500, delayMs: 200, durationS: 2, cappedUsers: null, closed: false }, idle: null },
  }[mode];
}

const CLK_TCK = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** user + sys seconds of every process whose command line contains `marker` (0 without /proc). */
function cpuOfProcessesWith(marker) {
  let total = 0;
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** `ctx.runOne`, plus the connections the target accepted during the run. */
async function withConnections(ctx, target, spec, extra) {
  const before = await target.accepted();
  await target.peakInFlight?.();
  const r = await ctx.runOne(target, spec, extra);
  // The node target also says how many requests it held at once: the true peak concurrency
  // (the results' busy users are sampled once a second).
  const run = { ...r, connections: (await target.accepted()) - before, peakInFlight: (await target.peakInFlight?.()) ?? null };
  process.stderr.write(
    `    connections ${run.connections}, peak in flight ${run.peakInFlight ?? 'n/a'}, peak users ${run.peakUsers ?? 'n/a'}, started ${run.starts ?? 'n/a'}, dropped ${run.dropped ?? 'n/a'}, CPU ${fmt.num(run.cpuUs == null ? null : run.cpuUs / 1e6, 2)} s\n`,
  );
  return run;
}

/**
 * One round's `--rate` run against nginx. `ctx`: `{ o, runOne, attempt, outFile }` from main.mjs.
 * Returns the runs that completed.
 */
export async function openModelRound(ctx, target, round) {
  const { o } = ctx;
  const spec = goHeavyRun({ url: target.url, rate: o.openRate, durationS: o.openDurationS, warmupS: 0, out: ctx.outFile() });
  const r = await ctx.attempt(`nginx go-heavy --rate ${o.openRate} ${o.openDurationS}s`, async () => {
    const run = await withConnections(ctx, target, spec, { kind: 'open', round, rate: o.openRate, durationS: o.openDurationS });
    return { ...run, scheduled: o.openRate * o.openDurationS };
  });
  return r ? [r] : [];
}

/**
 * The runs made once: a slow node target (`delayMs` per answer) at `rate`, so the open model
 * needs rate × delay concurrent iterations; the same with `--max-users` below that (drops); a
 * closed run with that many users (the same throughput); and a low rate, whose CPU over a
 * window after start-up (read from /proc) is what the rate costs.
 */
export async function openModelOnce(ctx, nginx) {
  const { o, attempt } = ctx;
  const p = preset(o.mode);
  const runs = [];
  const { slow, idle } = p;
  const slowTarget = await startNodeTarget({ delayMs: slow.delayMs });
  try {
    const needed = Math.round((slow.rate * slow.delayMs) / 1000);
    const scheduled = slow.rate * slow.durationS;
    const base = { kind: 'open-slow', rate: slow.rate, delayMs: slow.delayMs, durationS: slow.durationS, needed, scheduled };
    const label = `node (${slow.delayMs} ms answers) go-heavy --rate ${slow.rate} ${slow.durationS}s`;
    const open = await attempt(label, () =>
      withConnections(ctx, slowTarget, goHeavyRun({ url: slowTarget.url, rate: slow.rate, durationS: slow.durationS, out: ctx.outFile() }), { ...base, maxUsers: slow.rate }),
    );
    if (open) runs.push(open);
    if (slow.cappedUsers) {
      const capped = await attempt(`${label} --max-users ${slow.cappedUsers}`, () =>
        withConnections(ctx, slowTarget, goHeavyRun({ url: slowTarget.url, rate: slow.rate, maxUsers: slow.cappedUsers, durationS: slow.durationS, out: ctx.outFile() }), {
          ...base,
          maxUsers: slow.cappedUsers,
        }),
      );
      if (capped) runs.push(capped);
    }
    if (slow.closed) {
      const closed = await attempt(`node (${slow.delayMs} ms answers) go-heavy --users ${needed} ${slow.durationS}s`, () =>
        withConnections(ctx, slowTarget, goHeavyRun({ url: slowTarget.url, users: needed, durationS: slow.durationS, out: ctx.outFile() }), { ...base, kind: 'closed-slow', users: needed }),
      );
      if (closed) runs.push(closed);
    }
  } finally {
    await slowTarget.stop();
  }
  if (idle && nginx) {
    // The CPU of the go-heavy process (found by its unique --out path) between two points of the
    // run, after start-up: what the rate itself costs.
    const out = ctx.outFile();
    const spec = goHeavyRun({ url: nginx.url, rate: idle.rate, durationS: idle.durationS, out });
    const window = (async () => {
      await sleep(idle.fromS * 1000);
      const cpu0 = cpuOfProcessesWith(out);
      const t0 = performance.now();
      await sleep((idle.toS - idle.fromS) * 1000);
      return { cpuS: cpuOfProcessesWith(out) - cpu0, wallS: (performance.now() - t0) / 1000, found: cpu0 > 0 };
    })();
    const r = await attempt(`nginx go-heavy --rate ${idle.rate} ${idle.durationS}s`, () => withConnections(ctx, nginx, spec, { kind: 'open-idle', rate: idle.rate, durationS: idle.durationS }));
    const w = await window;
    if (r && w.found) runs.push({ ...r, windowCpuS: w.cpuS, windowS: w.wallS, windowFromS: idle.fromS });
  }
  return runs;
}

/**
 * The open model's summary and checks. `rounds`: openModelRound()'s runs; `once`:
 * openModelOnce()'s; `closedCpuUsPerRequest`: the closed model's against nginx (for reference).
 */
export function openModelChecks(ctx, rounds, once, closedCpuUsPerRequest) {
  const { o } = ctx;
  const checks = [];
  const check = (name, target, value, pass, detail) => checks.push({ name, target, value, pass, detail });
  let summary = null;
  if (rounds.length) {
    const expected = o.openRate * o.openDurationS;
    summary = {
      rate: o.openRate,
      durationS: o.openDurationS,
      expected,
      received: median(rounds.map((r) => r.received)),
      receivedAll: rounds.map((r) => r.received),
      lagP99Ms: median(rounds.map((r) => r.lagP99Ms)),
      lagP99MsWorst: max(rounds.map((r) => r.lagP99Ms)),
      dropped: rounds.reduce((a, r) => a + (r.dropped ?? 0), 0),
      errors: rounds.reduce((a, r) => a + (r.errors ?? 0), 0),
      connections: median(rounds.map((r) => r.connections)),
      connectionsAll: rounds.map((r) => r.connections),
      cpuUsPerRequest: median(rounds.map((r) => r.cpuUsPerRequest)),
      cpuS: median(rounds.map((r) => (r.cpuUs == null ? null : r.cpuUs / 1e6))),
    };
    const lo = expected * (1 - OPEN_TARGETS.tolerance);
    const hi = expected * (1 + OPEN_TARGETS.tolerance);
    const outside = summary.receivedAll.filter((n) => n < lo || n > hi);
    check(
      `open model: --rate ${o.openRate} for ${o.openDurationS} s`,
      `${fmt.int(expected)} ± ${OPEN_TARGETS.tolerance * 100} %, no errors`,
      fmt.int(summary.received),
      outside.length === 0 && summary.errors === 0,
      `received ${summary.receivedAll.map(fmt.int).join(', ')}; dropped ${summary.dropped}; errors ${summary.errors}`,
    );
    check(
      'open model: scheduler lag p99',
      `≤ ${OPEN_TARGETS.lagP99Ms} ms`,
      fmt.ms(summary.lagP99Ms),
      summary.lagP99Ms != null && summary.lagP99Ms <= OPEN_TARGETS.lagP99Ms,
      `worst round ${fmt.ms(summary.lagP99MsWorst)}`,
    );
    const worstConnections = max(summary.connectionsAll);
    check(
      `open model: connections opened at --rate ${o.openRate}`,
      `≤ --max-users (${fmt.int(o.openRate)})`,
      fmt.int(summary.connections),
      worstConnections != null && worstConnections <= o.openRate,
      `per round ${summary.connectionsAll.map(fmt.int).join(', ')} (nginx stub_status accepts); CPU ${fmt.num(summary.cpuUsPerRequest)} µs/req, ${fmt.num(summary.cpuS)} CPU s per run (closed model at full speed: ${fmt.num(closedCpuUsPerRequest)} µs/req)`,
    );
  }

  const slow = once.find((r) => r.kind === 'open-slow' && r.maxUsers === r.rate);
  const capped = once.find((r) => r.kind === 'open-slow' && r.maxUsers < r.needed);
  const closed = once.find((r) => r.kind === 'closed-slow');
  const slack = OPEN_TARGETS.concurrencySlack;
  if (slow) {
    const bound = Math.ceil(slow.needed * slack);
    const exact = slow.starts + slow.dropped === slow.scheduled && slow.diff === 0;
    check(
      `open model, slow target: --rate ${slow.rate}, ${slow.delayMs} ms answers`,
      `in flight and connections ≤ ${bound} (needed ${slow.needed}), no drops`,
      `${fmt.int(slow.peakInFlight)} in flight, ${fmt.int(slow.connections)} conns`,
      slow.peakInFlight != null && slow.peakInFlight <= bound && slow.connections <= bound && slow.dropped === 0 && slow.errors === 0 && exact,
      `peak in flight at the target; busy users ${fmt.int(slow.peakUsers)} (per-second samples); started ${fmt.int(slow.starts)} + dropped ${fmt.int(slow.dropped)} of ${fmt.int(slow.scheduled)} scheduled; received ${fmt.int(slow.received)} (${fmt.signed(slow.diff)}); peak RSS ${fmt.num(slow.maxRssMB)} MB; CPU ${fmt.num(slow.cpuUsPerRequest)} µs/req`,
    );
  }
  if (capped) {
    const exact = capped.starts + capped.dropped === capped.scheduled && capped.diff === 0;
    check(
      `open model, slow target: --max-users ${capped.maxUsers} (below ${capped.needed})`,
      'drops, in flight and connections ≤ --max-users, counts exact',
      `${fmt.int(capped.dropped)} dropped`,
      capped.dropped > 0 && capped.peakInFlight != null && capped.peakInFlight <= capped.maxUsers && capped.connections <= capped.maxUsers && capped.errors === 0 && exact,
      `started ${fmt.int(capped.starts)} + dropped ${fmt.int(capped.dropped)} of ${fmt.int(capped.scheduled)} scheduled; ${fmt.int(capped.peakInFlight)} in flight, ${fmt.int(capped.connections)} connections; received ${fmt.int(capped.received)} (${fmt.signed(capped.diff)})`,
    );
  }
  if (slow && closed) {
    const r = ratio(slow.cpuUsPerRequest, closed.cpuUsPerRequest);
    check(
      'open model CPU µs/req vs closed at the same throughput',
      `≤ ${OPEN_TARGETS.cpuVsClosed.toFixed(2)}×`,
      fmt.ratio(r),
      r != null && r <= OPEN_TARGETS.cpuVsClosed,
      `--rate ${slow.rate}: ${fmt.num(slow.cpuUsPerRequest)} µs/req (${fmt.int(slow.rps)} req/s) vs --users ${closed.users}: ${fmt.num(closed.cpuUsPerRequest)} µs/req (${fmt.int(closed.rps)} req/s), ${slow.delayMs} ms answers`,
    );
  }
  const idle = once.find((r) => r.kind === 'open-idle');
  if (idle) {
    const share = idle.windowCpuS / idle.windowS;
    check(
      `open model: --rate ${idle.rate} costs after start-up`,
      `< ${OPEN_TARGETS.idleCpuShare * 100} % of a core`,
      `${fmt.num(share * 100, 2)} %`,
      share < OPEN_TARGETS.idleCpuShare,
      `${fmt.num(idle.windowCpuS, 2)} CPU s over ${fmt.num(idle.windowS)} s from ${idle.windowFromS} s into the run (/proc); the whole run used ${fmt.num(idle.cpuUs == null ? null : idle.cpuUs / 1e6, 2)} s`,
    );
  }
  return { summary, checks, runs: [...rounds, ...once] };
}
