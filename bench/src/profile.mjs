#!/usr/bin/env node
// Where go-heavy's time goes: runs the bench workload (closed model, 50 users) against a private
// nginx under `node --cpu-prof`, pinned like the bench, and prints the top frames by self time,
// then self time by file.
//
//   node bench/src/profile.mjs [--duration 10] [--users 50] [--top 15] [--absolute] [--save FILE.cpuprofile] [--write]
//
// --absolute profiles the absolute-URL workflow (`${ctx.env.BASE_URL}/`) instead of the relative one.
//
// --write also replaces the <!-- bench:profile:start --> … end block of docs/benchmarks.md.
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { commit } from './machine.mjs';
import { measure, pinning } from './measure.mjs';
import { startNginx } from './nginx.mjs';
import { cleanupAll, makeTempDir } from './procs.mjs';
import { writeBlock } from './report.mjs';
import { textTable } from './table.mjs';
import { CLI_HEAP_FLAGS, CLI_MAIN as CLI, REPO, WORKFLOW as RELATIVE, WORKFLOW_ABSOLUTE, WORKLOAD, missingTools } from './tools.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    users: { type: 'string', default: '50' },
    top: { type: 'string', default: '15' },
    save: { type: 'string' },
    write: { type: 'boolean', default: false },
    absolute: { type: 'boolean', default: false },
  },
});
const durationS = Number(values.duration);
const top = Number(values.top);
const WORKFLOW = values.absolute ? WORKFLOW_ABSOLUTE : RELATIVE;

/** A frame's place, relative to the repository (node_modules and node's own modules shortened). */
function where(frame) {
  let url = frame.url || '';
  if (!url) return '';
  url = url.replace(/^file:\/\//, '');
  if (url.startsWith(REPO)) url = path.relative(REPO, url);
  url = url.replace(/^.*node_modules\//, 'node_modules/');
  return `${url}:${frame.lineNumber + 1}`;
}

function fileOf(frame) {
  const w = where(frame);
  if (!w) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  return w.replace(/:\d+$/, '');
}

/**
 * Self time per node: each sample's time is the gap to the next sample (the last one gets the gap to
 * endTime), the way Chrome DevTools attributes it.
 */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const { samples, timeDeltas } = profile;
  let t = profile.startTime;
  const stamps = timeDeltas.map((d) => (t += d));
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? stamps[i + 1] : profile.endTime;
    const us = Math.max(0, next - stamps[i]);
    self.set(samples[i], (self.get(samples[i]) ?? 0) + us);
  }
  return { byId, self, totalUs: profile.endTime - profile.startTime };
}

function aggregate(profile, keyOf) {
  const { byId, self, totalUs } = selfTimes(profile);
  const sums = new Map();
  for (const [id, us] of self) {
    const frame = byId.get(id).callFrame;
    const key = keyOf(frame);
    sums.set(key, (sums.get(key) ?? 0) + us);
  }
  const idle = sums.get('(idle)') ?? 0;
  return { rows: [...sums.entries()].sort((a, b) => b[1] - a[1]), totalUs, busyUs: totalUs - idle };
}

/**
 * What a frame's self time is spent on, for the per-request table: the socket's system calls,
 * Node's stream and buffer code around them, go-heavy's own modules, V8, and start-up.
 */
function categoryOf(frame) {
  const name = frame.functionName;
  const file = fileOf(frame);
  if (name === '(idle)') return '(idle)';
  if (name === '(garbage collector)') return 'V8: garbage collection';
  if (name === '(program)') return 'V8: (program), compiled code and runtime';
  if (name === 'writeBuffer' || name === 'writev' || name === 'writeLatin1String' || name === 'writeUtf8String')
    return "socket write (system call; on loopback it carries the receiving side's TCP work too)";
  if (/^node:internal\/(modules|bootstrap)|cjs-module-lexer|esm\//.test(file) || /compile|wrapSafe|readFileUtf8|openFileHandle|realpath/.test(name))
    return 'start-up: loading modules, bundling the workflow';
  if (/esbuild|yargs|cliui|string-width|wrap-ansi|pino|node_modules\/yaml/.test(file)) return 'start-up and end: CLI, config, summary';
  if (/packages\/http-client/.test(file)) return 'go-heavy http-client: URL, head, parser, pool';
  if (/packages\/core|bench\/workload/.test(file)) return 'go-heavy engine: iterations, steps, workflow';
  if (/packages\/metrics|hdr-histogram/.test(file)) return 'go-heavy metrics: histograms at three levels';
  if (/runMicrotasks|processTicksAndRejections|nextTick/.test(name) || /task_queues/.test(file)) return 'promises, microtasks and ticks';
  if (/stream_base_commons|streams\/|node:net|node:events|node:buffer|internal\/buffer/.test(file) || /indexOfBuffer|now|copy/.test(name))
    return 'Node: socket streams, buffers, timers (around the calls)';
  return 'other';
}

function render(title, { rows, totalUs, busyUs }, n) {
  const pct = (us, of) => `${((100 * us) / of).toFixed(1)}%`;
  const table = [['self ms', '% of run', '% of busy', title]];
  for (const [key, us] of rows.slice(0, n)) table.push([(us / 1000).toFixed(0), pct(us, totalUs), key === '(idle)' ? '—' : pct(us, busyUs), key]);
  return textTable(table);
}

async function main() {
  const missing = missingTools().filter((m) => !m.startsWith('wrk'));
  if (missing.length) throw new Error(missing[0]);
  const loadAtStart = os.loadavg()[0].toFixed(2);
  const nginx = await startNginx();
  const dir = makeTempDir('cpuprof');
  try {
    // dist/main.js in this process, with the launcher's heap flags (a Node started with flags is not re-run).
    const args = [
      ...CLI_HEAP_FLAGS,
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      CLI,
      'run',
      WORKFLOW,
      '--root',
      WORKLOAD,
      '--users',
      values.users,
      '--duration',
      `${durationS}s`,
      '--warmup',
      '2s',
      '--quiet',
      '--out',
      path.join(dir, 'results.json'),
    ];
    process.stderr.write(`profiling: node --cpu-prof ${path.relative(REPO, CLI)} run ${WORKFLOW} --users ${values.users} --duration ${durationS}s --warmup 2s (against nginx)\n`);
    const res = await measure(process.execPath, args, { timeoutMs: (durationS + 2) * 1000 + 60_000, env: { ...process.env, BASE_URL: nginx.url, NO_COLOR: '1' }, cwd: REPO });
    if (res.code !== 0) throw new Error(`go-heavy exited with code ${res.code}: ${res.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
    // One profile per thread; the main thread's is the biggest.
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(dir, f));
    if (files.length === 0) throw new Error('node wrote no .cpuprofile');
    const file = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (values.save) copyFileSync(file, path.resolve(values.save));
    const profile = JSON.parse(readFileSync(file, 'utf8'));

    const rps = results.summary.requests / (results.durationMs / 1000);
    const lines = [];
    lines.push(
      `go-heavy ${values.users} users, ${durationS} s (+2 s warm-up): ${Math.round(rps).toLocaleString('en-US')} req/s under the profiler; CPU ${((res.cpuUs ?? 0) / 1e6).toFixed(2)} s user+sys in ${(res.wallMs / 1000).toFixed(1)} s wall`,
    );
    lines.push('');
    lines.push(
      render(
        'function (file:line)',
        aggregate(profile, (f) => (f.functionName.startsWith('(') ? f.functionName : `${f.functionName || '(anonymous)'} ${where(f)}`.trim())),
        top,
      ),
    );
    lines.push('');
    lines.push(render('file', aggregate(profile, fileOf), 10));
    // Per request: each category's self time over every request sent (warm-up included).
    const requests = results.summary.requests + (results.warmup?.requests ?? 0);
    const categories = aggregate(profile, categoryOf);
    const perRequest = [['µs/request', '% of busy', 'where (self time of the whole run, start-up included, under the profiler)']];
    for (const [key, us] of categories.rows) {
      if (key === '(idle)') continue;
      perRequest.push([(us / requests).toFixed(2), `${((100 * us) / categories.busyUs).toFixed(1)}%`, key]);
    }
    perRequest.push([(categories.busyUs / requests).toFixed(2), '100.0%', `total busy, over ${requests.toLocaleString('en-US')} requests`]);
    lines.push('');
    lines.push(textTable(perRequest));
    if (values.save) lines.push('', `profile saved to ${values.save} (open it in Chrome DevTools › Performance, or speedscope)`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (values.write) {
      const head = `Profiled ${new Date().toISOString().slice(0, 10)} at commit \`${commit() ?? 'n/a'}\` with \`node bench/src/profile.mjs --duration ${durationS}\`; pinning: ${pinning}; load average at start ${loadAtStart}.`;
      writeBlock('profile', `${head}\n\n\`\`\`text\n${lines.join('\n')}\n\`\`\``);
      process.stderr.write('profile: wrote the profile block of docs/benchmarks.md\n');
    }
  } finally {
    await nginx.stop();
  }
}

main().then(
  () => {
    cleanupAll();
    process.exit(0);
  },
  (err) => {
    process.stderr.write(`profile: ${err.message.split('\n')[0]}\n`);
    cleanupAll();
    process.exit(1);
  },
);
