#!/usr/bin/env node
// Turns bench/results/latest.json into the Markdown of docs/benchmarks.md's "Results" section
// and, when the run had the workers section, its "Worker threads" block.
//
//   node bench/src/report.mjs            prints them
//   node bench/src/report.mjs --write    replaces the blocks between
//                                        <!-- bench:results:start --> and <!-- bench:results:end -->
//                                        (when the run had the closed rounds) and between
//                                        <!-- bench:workers:start --> and <!-- bench:workers:end -->
//                                        (when it had the workers section: `--only workers` too)
//   node bench/src/report.mjs --in FILE  reads another results file
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pairedRatio, ratio } from './stats.mjs';
import { fmt, markdownTable } from './table.mjs';
import { REPO, TOOLS } from './tools.mjs';
import { workersMarkdown } from './workers.mjs';

const DOC = path.join(REPO, 'docs', 'benchmarks.md');

/** Replaces the text between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` in the doc. */
export function writeBlock(name, text, file = DOC) {
  const doc = readFileSync(file, 'utf8');
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${path.relative(REPO, file)} has no ${start} … ${end} block`);
  writeFileSync(file, `${doc.slice(0, i + start.length)}\n${text.trim()}\n${doc.slice(j)}`);
}

function perRound(runs, target) {
  const closed = runs.filter((x) => x.target === target && x.kind === 'closed');
  const rounds = [...new Set(closed.map((x) => x.round))];
  return rounds.map((round) => `round ${round}: ${TOOLS.map((t) => `${t} ${fmt.int(closed.find((x) => x.round === round && x.tool === t)?.rps)}`).join(', ')}`).join('; ');
}

function resultsMarkdown(r) {
  const m = r.machine;
  const lines = [];
  lines.push(
    `Measured ${r.date.slice(0, 10)} at commit \`${m.commit ?? 'n/a'}\` with \`npm run bench\` (${r.mode}: ${r.options.rounds} round(s) of ${r.options.durationS} s per tool and target, ${r.options.users} users/connections, go-heavy warm-up ${r.options.warmupS} s; the whole bench took ${Math.round(r.elapsedS)} s). Medians over the rounds.`,
  );
  lines.push('');
  lines.push(
    markdownTable([
      ['machine', ''],
      ['CPUs (`nproc`)', String(m.nproc)],
      ['CPU model', m.cpuModel ?? 'n/a'],
      ['memory', `${m.memoryGB} GB`],
      ['kernel', m.kernel],
      ['node', m.node],
      ['nginx', m.nginx ?? 'n/a'],
      ['wrk', m.wrk ?? 'n/a'],
      ['autocannon', m.autocannon ?? 'n/a'],
      ['go-heavy', `${m.goHeavy ?? 'n/a'} (build ${m.build ?? 'n/a'}${m.buildAtEnd && m.buildAtEnd !== m.build ? `, rebuilt during the bench to ${m.buildAtEnd}` : ''})`],
      ['pinning', m.pinning],
      ['load average at start', (m.loadAverageAtStart ?? []).join(', ')],
      ...(r.noise
        ? [
            [
              'other processes during the runs',
              `${Math.round((r.noise.medianOtherCpuShare ?? 0) * 100)} % of a CPU (median over runs; up to ${Math.round((r.noise.maxOtherCpuShare ?? 0) * 100)} %); ${r.noise.noisyRuns} of ${r.noise.runs} runs above 5 %`,
            ],
          ]
        : []),
    ]),
  );
  for (const [target, s] of Object.entries(r.summary).filter(([, x]) => x.tools['go-heavy'] || x.tools.autocannon)) {
    lines.push('');
    lines.push(`**Closed model against ${target === 'nginx' ? 'nginx' : 'the node:http target'}**`);
    lines.push('');
    const a = s.tools.autocannon;
    const w = s.tools.wrk;
    const rows = [['tool', 'req/s', 'vs autocannon', 'vs wrk', 'CPU µs/req', 'CPU vs autocannon', 'RSS MB', 'reported − received']];
    for (const tool of TOOLS) {
      const t = s.tools[tool];
      if (!t) continue;
      const diffs = t.diffs.every((d) => d === t.diffs[0]) ? fmt.signed(t.diffs[0]) : `${fmt.signed(t.diff)} (${t.diffs.map(fmt.signed).join(', ')})`;
      rows.push([
        tool,
        fmt.int(t.rps),
        fmt.ratio(ratio(t.rps, a?.rps)),
        fmt.ratio(ratio(t.rps, w?.rps)),
        fmt.num(t.cpuUsPerRequest),
        fmt.ratio(ratio(t.cpuUsPerRequest, a?.cpuUsPerRequest)),
        fmt.num(t.maxRssMB),
        diffs,
      ]);
    }
    lines.push(markdownTable(rows));
    if (r.options.rounds > 1) {
      const p = (a, b, field) => fmt.ratio(pairedRatio(r.runs, target, a, b, field));
      lines.push('');
      lines.push(
        `Within each round, then the median over rounds: go-heavy's req/s is ${p('go-heavy', 'autocannon')} autocannon's and ${p('go-heavy', 'wrk')} wrk's; its CPU per request is ${p('go-heavy', 'autocannon', 'cpuUsPerRequest')} autocannon's. Per round, req/s: ${perRound(r.runs, target)}.`,
      );
    }
  }
  if (r.steady) {
    lines.push('');
    lines.push(`**Steady state against nginx** (CPU from /proc over a server-counted window after a warm-up; medians; ratios within rounds, with their range)`);
    lines.push('');
    const range = (p) => (p ? `${fmt.ratio(p.median)} (${fmt.ratio(Math.min(...p.all))}…${fmt.ratio(Math.max(...p.all))})` : 'n/a');
    const rows = [['tool', 'req/s', 'CPU µs/req', 'CPU vs autocannon', 'CPU vs wrk', 'req/s vs wrk', 'peak RSS MB']];
    for (const [name, t] of Object.entries(r.steady.tools)) {
      const q = r.steady.ratios[name];
      rows.push([name, fmt.int(t.rps), fmt.num(t.cpuUsPerRequest), q ? range(q.cpuVsAutocannon) : '', q ? range(q.cpuVsWrk) : '', q ? range(q.rpsVsWrk) : '', fmt.num(t.peakRssMB)]);
    }
    lines.push(markdownTable(rows));
    if (r.steady.medianOtherShare != null) {
      lines.push('');
      lines.push(`Other processes used a median ${fmt.num(r.steady.medianOtherShare * 100, 0)} % of a CPU during the windows.`);
    }
  }
  lines.push('');
  lines.push('**Checks against the targets**');
  lines.push('');
  lines.push(
    markdownTable([
      ['check', 'target', 'measured', 'result', 'detail'],
      ...r.checks.map((c) => [c.name, c.target, c.value, c.pass ? 'PASS' : c.gating === false ? 'FAIL (not judged in a smoke run)' : '**FAIL**', c.detail]),
    ]),
  );
  if (r.errors?.length) {
    lines.push('');
    lines.push(`Failed runs: ${r.errors.join('; ')}`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false }, in: { type: 'string' } } });
  const file = path.resolve(values.in ?? path.join(REPO, 'bench', 'results', 'latest.json'));
  let results;
  try {
    results = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    process.stderr.write(`report: cannot read ${file}: ${err.message.split('\n')[0]} (run \`npm run bench\` first)\n`);
    process.exit(1);
  }
  // A run of some sections only (--only) writes only the blocks it has figures for.
  const blocks = [];
  if ((results.options.sections ?? ['closed']).includes('closed')) blocks.push(['results', resultsMarkdown(results)]);
  if (results.workers?.windowS != null) blocks.push(['workers', workersMarkdown(results)]);
  if (blocks.length === 0) {
    process.stderr.write(`report: ${file} has neither the closed rounds nor the workers section (a --smoke run's workers check has no table)\n`);
    process.exit(1);
  }
  for (const [name, md] of blocks) {
    if (values.write) {
      writeBlock(name, md);
      process.stderr.write(`report: wrote the ${name} block of ${path.relative(process.cwd(), DOC)}\n`);
    } else {
      process.stdout.write(`${md}\n\n`);
    }
  }
}
