import { stripAnsi } from '../src/color.js';
import { formatDuration } from '../src/format-duration.js';
import { formatSummary } from '../src/format-summary.js';
import { CHECKOUT_BUCKETS, makeRunResult } from './helpers/run-result-fixture.js';
import { ANSI, re, sectionOf, widestLine } from './helpers/text.js';

const result = makeRunResult();
const NAMES = result.workflows.map((w) => w.name);
const checkout = () => sectionOf(formatSummary(result), 'checkout/browse-and-buy', NAMES);
const search = () => sectionOf(formatSummary(result), 'search/query', NAMES);

describe('formatSummary header', () => {
  const text = formatSummary(result);

  test('test id, run time, load, workflow runs, requests, dropped', () => {
    expect(text).toMatch(/^ {2}Test ID +gh-20261125-100000-7f3a$/m);
    expect(text).toMatch(/^ {2}Run time +10\.02 s$/m);
    expect(text).toMatch(/^ {2}Load +closed model: 12 users, 10 s$/m);
    expect(text).toMatch(/^ {2}Workflow runs +6197 succeeded, 10 failed, 2 interrupted$/m);
    expect(text).toMatch(/^ {2}Requests +16180$/m);
    expect(text).toMatch(/^ {2}Dropped iterations +0$/m);
    expect(text).not.toContain('raise --max-users');
    expect(text).not.toContain('INTERRUPTED');
  });

  test('the warm-up line, only when there was a warm-up', () => {
    expect(text).toContain('  warm-up 2.0 s: 1234 iterations, 3702 requests, not in the statistics');
    expect(formatSummary(makeRunResult({ warmup: null }))).not.toContain('warm-up');
  });

  test('the notifications line, only when a source was started, with every count that is not zero', () => {
    expect(text).not.toContain('Notifications');
    const notifications = { sources: ['webhook'], received: 1006, waits: 1003, matched: 995, early: 120, late: 5, unmatched: 4, expired: 2, timedOut: 8, interrupted: 0 };
    // Wrapped at the terminal's width: continuation lines joined back.
    expect(formatSummary(makeRunResult({ notifications })).replace(/\n {5,}/g, ' ')).toMatch(
      /^ {2}Notifications +1006 received \(webhook\): 995 matched \(120 early\), 5 late, 4 unmatched, 2 expired; 8 waits timed out$/m,
    );
    const clean = { ...notifications, received: 10, waits: 10, matched: 10, early: 0, late: 0, unmatched: 0, expired: 0, timedOut: 0 };
    expect(formatSummary(makeRunResult({ notifications: clean }))).toMatch(/^ {2}Notifications +10 received \(webhook\): 10 matched$/m);
  });

  test('dropped iterations warn', () => {
    const dropped = makeRunResult({ summary: { ...result.summary, droppedIterations: 17 } });
    const out = formatSummary(dropped);
    expect(out).toMatch(/^ {2}Dropped iterations +17$/m);
    expect(out).toContain('  17 iterations dropped: raise --max-users');
  });

  test('retries: a header line and a workflow line, only when there were some', () => {
    expect(text).not.toMatch(/retries|Retries/);
    const wf = { ...result.workflows[0], retries: 4 };
    const out = formatSummary(makeRunResult({ summary: { ...result.summary, retries: 4 }, workflows: [wf, result.workflows[1]] }));
    expect(out).toMatch(/^ {2}Retries +4 sent again on a fresh connection$/m);
    expect(sectionOf(out, wf.name, NAMES)).toMatch(/^ {2}retries +4 sent again on a fresh connection$/m);
    expect(sectionOf(out, 'search/query', NAMES)).not.toContain('retries');
    // An older results file without the field reads as none.
    const { retries: _dropped, ...older } = { ...result.summary, retries: 0 };
    expect(formatSummary(makeRunResult({ summary: older }))).not.toContain('Retries');
  });

  test('a crashed worker: a header line naming it, and its lost iterations beside the workflow runs', () => {
    expect(text).not.toMatch(/crashed/);
    const wf = { ...result.workflows[0], lostToCrash: 7 };
    const crashed = [{ worker: 2, of: 2, message: 'exited with code 7', lostIterations: 7 }];
    const out = formatSummary(makeRunResult({ crashedWorkers: crashed, workflows: [wf, result.workflows[1]] }), { width: 200 });
    expect(out).toMatch(/^ {2}worker 2 of 2 crashed: exited with code 7; 7 iterations of its share counted as failed$/m);
    expect(sectionOf(out, wf.name, NAMES)).toMatch(/ interrupted; 7 more lost with a crashed worker \(failed\)$/m);
    expect(sectionOf(out, 'search/query', NAMES)).not.toContain('lost');
  });

  test('interrupted banner', () => {
    const out = formatSummary(makeRunResult({ summary: { ...result.summary, interrupted: true } }));
    expect(out.split('\n')[1]).toMatch(/^INTERRUPTED/);
  });

  test('iterations, and the open model', () => {
    const closed = formatSummary(makeRunResult({ load: { ...result.load, durationMs: null, iterations: 100 } }));
    expect(closed).toMatch(/Load +closed model: 12 users, 100 iterations$/m);
    const open = formatSummary(
      makeRunResult({
        load: {
          ...result.load,
          model: 'open',
          rate: 500,
          users: null,
          maxUsers: 200,
          durationMs: 60000,
          iterations: null,
          warmupMs: 0,
          profile: { start: 500, stages: [{ durationMs: 60000, target: 500 }] },
          distribution: 'regular',
          jitter: 0,
        },
      }),
    );
    expect(open).toMatch(/Load +open model: 500\/s, up to 200 users, 1 m 00 s$/m);
  });
});

describe('formatSummary per workflow', () => {
  test('slowest, fastest, average, runs, runs/s, requests', () => {
    const c = checkout();
    expect(c).toMatch(/^ {2}slowest +88\.1 ms$/m);
    expect(c).toMatch(/^ {2}fastest +1\.20 ms$/m);
    expect(c).toMatch(/^ {2}average +4\.70 ms$/m);
    expect(c).toMatch(/^ {2}runs +5000: 4990 succeeded, 10 failed, 2 interrupted$/m);
    expect(c).toMatch(/^ {2}runs\/s +499\.4$/m);
    expect(c).toMatch(/^ {2}requests +14973$/m);
    const s = search();
    expect(s).toMatch(/^ {2}slowest +1\.23 s$/m);
    expect(s).toMatch(/^ {2}fastest +210 µs$/m);
    expect(s).toMatch(/^ {2}runs +1207: 1207 succeeded, 0 failed, 0 interrupted$/m);
    expect(s).toMatch(/^ {2}runs\/s +120\.6$/m);
  });

  test('status classes', () => {
    expect(checkout()).toMatch(/^ {2}status +1xx 0 {2}2xx 14953 {2}3xx 0 {2}4xx 11 {2}5xx 6$/m);
    expect(search()).toMatch(/^ {2}status +1xx 0 {2}2xx 1180 {2}3xx 27 {2}4xx 0 {2}5xx 0$/m);
  });

  test('errors by category, non-zero only, and only when there are some', () => {
    expect(checkout()).toMatch(/^ {2}errors +timeout 3$/m);
    expect(checkout()).not.toContain('ECONNREFUSED');
    expect(search()).not.toMatch(/^ {2}errors/m);
  });

  test('failure reasons and checks', () => {
    const c = checkout();
    expect(c).toMatch(/^ {4}7 {2}check: status is 200$/m);
    expect(c).toMatch(/^ {4}3 {2}timeout$/m);
    expect(c).toMatch(/^ {4}status is 200 +4993 +7$/m);
    expect(c).toMatch(/^ {4}cart has item +5000 +0$/m);
    expect(search()).not.toContain('failure reasons');
    expect(search()).not.toContain('checks');
  });

  test('at most five failure reasons, the most frequent', () => {
    const failureReasons = { a: 1, b: 9, c: 3, d: 8, e: 2, f: 7, g: 6 };
    const wf = { ...result.workflows[0], failureReasons };
    const out = sectionOf(formatSummary(makeRunResult({ workflows: [wf] })), wf.name, [wf.name]);
    const listed = [...out.matchAll(/^ {4}(\d+) {2}([a-g])$/gm)].map((m) => m[2]);
    expect(listed).toEqual(['b', 'd', 'f', 'g', 'c']);
  });

  test('with failures, the percentiles of all runs and of the successful runs alone', () => {
    const ok = { min: 5, max: 90, mean: 9, p10: 6, p25: 7, p50: 8, p75: 9, p90: 10, p95: 11, p99: 40, p100: 90 };
    const wf = { ...result.workflows[0], succeededLatencyMs: ok };
    const out = sectionOf(formatSummary(makeRunResult({ workflows: [wf] })), wf.name, [wf.name]);
    expect(out).toMatch(/^ {4}all runs +2\.10 ms +2\.90 ms +3\.80 ms +5\.00 ms +7\.70 ms +9\.90 ms +21\.0 ms +88\.1 ms$/m);
    expect(out).toMatch(/^ {4}successful +6\.00 ms +7\.00 ms +8\.00 ms +9\.00 ms +10\.0 ms +11\.0 ms +40\.0 ms +90\.0 ms$/m);
    // Without failures both are the same: one row, as before.
    const clean = { ...result.workflows[1], succeededLatencyMs: result.workflows[1].latencyMs };
    expect(formatSummary(makeRunResult({ workflows: [clean] }))).not.toContain('successful');
  });

  test('percentiles in one aligned row: each value ends under its title', () => {
    for (const [wf, section] of [
      [result.workflows[0], checkout()],
      [result.workflows[1], search()],
    ] as const) {
      const lines = section.split('\n');
      const header = lines.findIndex((l) => /^\s+P10\s+P25\s+P50\s+P75\s+P90\s+P95\s+P99\s+P100$/.test(l));
      expect(header).toBeGreaterThan(0);
      const titles = lines[header];
      const values = lines[header + 1];
      for (const [title, key] of [
        ['P10 ', 'p10'],
        ['P50 ', 'p50'],
        ['P99 ', 'p99'],
        ['P100', 'p100'],
      ] as const) {
        const value = formatDuration(wf.latencyMs[key]);
        const end = titles.indexOf(title) + title.trimEnd().length;
        expect(values.slice(end - value.length, end)).toBe(value);
      }
    }
    expect(checkout()).toContain('3.80 ms'); // p50
    expect(checkout()).toContain('21.0 ms'); // p99
    expect(search()).toContain('850 µs'); // p50
    expect(search()).toContain('413 ms'); // p99
  });

  test('distribution: every bucket with its count; the biggest has the longest bar', () => {
    const lines = checkout().split('\n');
    const bars = CHECKOUT_BUCKETS.map((b) => {
      const label = `<= ${formatDuration(b.leMs, { trim: true })}`;
      const line = lines.find((l) => new RegExp(`^ {4}${re(label)} +\\|`).test(l));
      expect(line).toBeDefined();
      expect(line).toMatch(new RegExp(`\\| +${b.count} +\\(`));
      return /\|([^|]*)\|/.exec(line!)![1].trimEnd().length;
    });
    const biggest = CHECKOUT_BUCKETS.reduce((best, b, i) => (b.count > CHECKOUT_BUCKETS[best].count ? i : best), 0);
    expect(Math.max(...bars)).toBe(bars[biggest]);
    expect(bars.filter((n) => n === bars[biggest])).toHaveLength(1);
  });
});

describe('formatSummary width and colour', () => {
  test('no line wider than the default 100 columns', () => {
    expect(widestLine(formatSummary(result))).toBeLessThanOrEqual(100);
    expect(widestLine(formatSummary(result))).toBeGreaterThan(80); // bars do use the room
  });

  test.each([60, 80, 120])('width %p: no line wider, and the numbers are all there', (width) => {
    for (const color of [false, true]) {
      const out = formatSummary(result, { width, color });
      expect(widestLine(out)).toBeLessThanOrEqual(width);
      const plain = stripAnsi(out);
      for (const value of ['3.80 ms', '21.0 ms', '88.1 ms', '850 µs', '413 ms', '1.23 s', '14953', '2730', '1504']) {
        expect(plain).toContain(value);
      }
    }
  });

  test('a long test id or failure reason is clipped, not wrapped past the width', () => {
    const wf = { ...result.workflows[0], failureReasons: { ['socket hang up '.repeat(20)]: 4 } };
    const out = formatSummary(makeRunResult({ testId: 'x'.repeat(200), workflows: [wf] }), { width: 60 });
    expect(widestLine(out)).toBeLessThanOrEqual(60);
    expect(out).toMatch(/^ {4}4 {2}socket hang up.*…$/m);
  });

  test('no ANSI escapes without colour, some with, and the same text either way', () => {
    const plain = formatSummary(result, { color: false });
    const colored = formatSummary(result, { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(formatSummary(result)).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(stripAnsi(colored)).toBe(plain);
  });

  it('shows the scheduler lag of an open-model run', () => {
    const lagMs = { min: 0.01, max: 3.4, mean: 0.2, p10: 0.02, p25: 0.05, p50: 0.1, p75: 0.2, p90: 0.5, p95: 0.8, p99: 1.2, p100: 3.4 };
    const text = formatSummary(makeRunResult({ scheduler: { starts: 5000, lagMs } }));
    expect(text).toMatch(/Scheduler lag +p50 100 µs, p99 1\.20 ms, max 3\.40 ms over 5,?000 starts/);
    expect(formatSummary(makeRunResult())).not.toContain('Scheduler lag');
  });
});

describe('formatLoad', () => {
  it('says "1 user", not "1 users"', () => {
    const one = formatSummary(makeRunResult({ load: { ...makeRunResult().load, users: 1 } }));
    expect(one).toMatch(/closed model: 1 user, /);
  });
});

describe('thresholds in the summary', () => {
  it('lists each threshold with ✔ or ✘ and its actual value, and the one that aborted the run', () => {
    const base = makeRunResult();
    const text = formatSummary({
      ...base,
      summary: { ...base.summary, abortedBy: 'shop/buy error-rate < 1%' },
      thresholds: [
        { expr: 'shop/buy p95 < 300ms', ok: true, actual: 9.9 },
        { expr: 'shop/buy error-rate < 1%', ok: false, actual: 1.2345 },
        { expr: 'shop/nope p95 < 1s', ok: false, actual: null },
      ],
    });
    expect(text).toMatch(/Thresholds: 2 of 3 failed/);
    // Results of older versions have no `stat`: the unit comes from the expression.
    expect(text).toMatch(/✔ +shop\/buy p95 < 300ms +actual 9\.90 ms$/m);
    expect(text).toMatch(/✘ +shop\/buy error-rate < 1% +actual 1\.23%$/m);
    expect(text).toMatch(/✘ +shop\/nope p95 < 1s +not measured/);
    expect(text).toContain('stopped early: "shop/buy error-rate < 1%" failed');
    expect(formatSummary({ ...base, thresholds: [] })).not.toContain('Thresholds');
  });

  it('prints values with their units, which runs a latency is of, notes, and skipped thresholds', () => {
    const text = formatSummary({
      ...makeRunResult(),
      thresholds: [
        { expr: 'shop/buy p95 < 500ms', ok: true, actual: 45.343, stat: 'p95', latencyOf: 'succeeded' },
        { expr: 'shop/buy p99{all} < 1s', ok: true, actual: 1.5, stat: 'p99', latencyOf: 'all' },
        { expr: 'shop/buy error-rate < 1%', ok: false, actual: 100, stat: 'error-rate' },
        { expr: 'shop/buy checks > 99%', ok: true, actual: 99.5, stat: 'checks' },
        { expr: 'shop/buy runs/s > 10', ok: true, actual: 499.44, stat: 'runs/s' },
        { expr: '* dropped == 0', ok: true, actual: 0, stat: 'dropped' },
        { expr: 'shop/down p95 < 500ms', ok: false, actual: null, stat: 'p95', latencyOf: 'succeeded', note: 'no successful runs (22732 failed)' },
        { expr: 'blog/write p95 < 500ms', ok: true, actual: null, stat: 'p95', latencyOf: 'succeeded', skipped: true, note: 'blog/write is not part of this run' },
      ],
    });
    expect(text).toMatch(/Thresholds: 2 of 8 failed, 1 skipped/);
    expect(text).toMatch(/✔ +shop\/buy p95 < 500ms +actual 45\.3 ms \(successful runs\)$/m);
    expect(text).toMatch(/✔ +shop\/buy p99\{all\} < 1s +actual 1\.50 ms \(all runs\)$/m);
    expect(text).toMatch(/✘ +shop\/buy error-rate < 1% +actual 100\.00%$/m);
    expect(text).toMatch(/✔ +shop\/buy checks > 99% +actual 99\.50%$/m);
    expect(text).toMatch(/✔ +shop\/buy runs\/s > 10 +actual 499\.4\/s$/m);
    expect(text).toMatch(/✔ +\* dropped == 0 +actual 0$/m);
    expect(text).toMatch(/✘ +shop\/down p95 < 500ms +no successful runs \(22732 failed\)$/m);
    expect(text).toMatch(/– +blog\/write p95 < 500ms +skipped: blog\/write is not part of this run$/m);
  });

  it('puts a note too long for the line on a line of its own, uncut', () => {
    const note = 'matched nothing: shop/buy ran no step "pya" (steps: "browse", "add to cart", "pay", "confirm")';
    const text = formatSummary({ ...makeRunResult(), thresholds: [{ expr: 'shop/buy > pya p95 < 1s', ok: false, actual: null, stat: 'p95', note }] });
    expect(text).toMatch(/^ +✘ +shop\/buy > pya p95 < 1s$/m);
    expect(text).toContain(`\n     ${note}`);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('says when every threshold was skipped, and counts skipped ones apart from passed ones', () => {
    const skipped = { expr: 'blog/write p95 < 500ms', ok: true, actual: null, skipped: true, note: 'blog/write is not part of this run' };
    expect(formatSummary({ ...makeRunResult(), thresholds: [skipped] })).toMatch(/^Thresholds: 1 skipped$/m);
    const passed = { expr: '* dropped == 0', ok: true, actual: 0, stat: 'dropped' };
    expect(formatSummary({ ...makeRunResult(), thresholds: [passed, skipped] })).toMatch(/^Thresholds: all 1 passed, 1 skipped$/m);
  });
});
