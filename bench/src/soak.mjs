#!/usr/bin/env node
// A soak: go-heavy at a steady open-model rate on worker threads against a private nginx, for
// minutes, sampling the CLI process's resident memory (/proc/<pid>/status VmRSS, the workers are
// threads of it) every few seconds. Memory must stay flat after the warm-up: the report compares
// the first and last fifths of the samples after it, and checks reported = received at the end.
//
//   node bench/src/soak.mjs [--minutes 30] [--rate 2000] [--workers 2] [--warmup 60] [--every 10]
//
// Not part of `npm test` or `npm run bench`: docs/benchmarks.md has the figures of a 30-minute run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startNginx } from './nginx.mjs';
import { cleanupAll, makeTempDir, run, sleep } from './procs.mjs';
import { CLI_HEAP_FLAGS, CLI_MAIN, WORKFLOW, WORKLOAD } from './tools.mjs';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '60' },
    every: { type: 'string', default: '10' },
  },
});
const minutes = Number(values.minutes);
const warmupS = Number(values.warmup);
const everyS = Number(values.every);
if (!(minutes > 0) || !(warmupS >= 0) || !(everyS > 0) || warmupS >= minutes * 60) {
  process.stderr.write('soak: expected --minutes > 0, --warmup >= 0 seconds and shorter than the run, --every > 0 seconds\n');
  process.exit(2);
}

/** Resident memory of `pid` in MB (2^20 bytes), or null once it is gone. */
function rssMb(pid) {
  try {
    const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return null;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const nginx = await startNginx();
  const dir = makeTempDir('soak');
  const out = path.join(dir, 'soak.json');
  const durationS = minutes * 60;
  const args = [...CLI_HEAP_FLAGS, CLI_MAIN, 'run', WORKFLOW, '--root', WORKLOAD, '--quiet', '--no-history', '--out', out];
  args.push('--rate', values.rate, '--workers', values.workers, '--duration', `${durationS}s`, '--warmup', '0s');
  const before = await nginx.settledCount();
  const samples = [];
  let pid;
  const started = Date.now();
  const done = run(process.execPath, args, {
    env: { ...process.env, BASE_URL: nginx.url, NO_COLOR: '1' },
    timeoutMs: (durationS + 120) * 1000,
    onSpawn: (child) => (pid = child.pid),
  });
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    await sleep(everyS * 1000);
    const mb = pid === undefined ? null : rssMb(pid);
    if (mb === null || finished) break;
    const t = (Date.now() - started) / 1000;
    // The connections the client holds: a stall piles up overdue starts, each on its own connection.
    const connections = await nginx.active();
    samples.push({ t, mb, connections });
    process.stderr.write(`  ${t.toFixed(0).padStart(5)} s  RSS ${mb.toFixed(1)} MB  ${connections} connections\n`);
  }
  const res = await done;
  if (res.code !== 0) throw new Error(`go-heavy exited with ${res.code}: ${res.stderr.trim()}`);
  const received = (await nginx.settledCount()) - before;
  const result = JSON.parse(readFileSync(out, 'utf8'));
  const reported = result.summary.requests + (result.warmup?.requests ?? 0);
  const steady = samples.filter((s) => s.t >= warmupS);
  const fifth = Math.max(1, Math.floor(steady.length / 5));
  const first = median(steady.slice(0, fifth).map((s) => s.mb));
  const last = median(steady.slice(-fifth).map((s) => s.mb));
  const peak = Math.max(...samples.map((s) => s.mb));
  const low = Math.min(...steady.map((s) => s.mb));
  const high = Math.max(...steady.map((s) => s.mb));
  const connections = samples.map((s) => s.connections);
  const lines = [
    `soak: ${minutes} min at --rate ${values.rate} on ${values.workers} workers (${result.workers ?? 1} ran), ${samples.length} RSS samples every ${everyS} s`,
    `requests: reported ${reported}, nginx received ${received} (${reported - received}); failed iterations ${result.summary.workflowsFailed}, dropped ${result.summary.droppedIterations}`,
    `RSS after ${warmupS} s of warm-up: first fifth ${first.toFixed(1)} MB, last fifth ${last.toFixed(1)} MB (${(last - first >= 0 ? '+' : '') + (last - first).toFixed(1)} MB), between ${low.toFixed(1)} and ${high.toFixed(1)} MB; peak ${peak.toFixed(1)} MB`,
    `connections the client held: ${Math.min(...connections)} to ${Math.max(...connections)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (reported !== received) process.exitCode = 1;
}

try {
  await main();
} catch (err) {
  process.stderr.write(`soak: ${err.message}\n`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
