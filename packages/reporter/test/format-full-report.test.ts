import { stripAnsi } from '../src/color.js';
import { formatFullReport } from '../src/format-full-report.js';
import { formatSummary } from '../src/format-summary.js';
import { makeRunResult } from './helpers/run-result-fixture.js';
import { ANSI, re, sectionOf, widestLine } from './helpers/text.js';

const result = makeRunResult();
const TITLES = result.workflows.map((w) => `workflow ${w.name}`);
const report = formatFullReport(result);
const checkout = sectionOf(report, 'workflow checkout/browse-and-buy', TITLES);
const search = sectionOf(report, 'workflow search/query', TITLES);
/** The lines of `section` from its subtitle to the next blank line. */
const table = (section: string, subtitle: string) => {
  const from = section.indexOf(`\n  ${subtitle}\n`);
  expect(from).toBeGreaterThan(0);
  // Drop the subtitle line; stop at the blank line that ends the table.
  return section
    .slice(from + 1)
    .split('\n\n')[0]
    .split('\n')
    .slice(1)
    .join('\n');
};

describe('formatFullReport', () => {
  test('starts with the same header as the summary', () => {
    const header = (text: string) => text.split('\n').slice(1, 9).join('\n');
    expect(header(report)).toBe(header(formatSummary(result)));
    expect(report).toMatch(/^ {2}Run time +10\.02 s$/m);
  });

  test('workflow totals', () => {
    expect(checkout).toMatch(/^ {2}runs +5000: 4990 succeeded, 10 failed, 2 interrupted, 0 dropped$/m);
    expect(checkout).toMatch(/^ {2}requests +14973$/m);
    expect(search).toMatch(/^ {2}runs +1207: 1207 succeeded, 0 failed, 0 interrupted, 0 dropped$/m);
  });

  test('times and runs: the workflow, then each step followed by its requests', () => {
    const rows = table(checkout, 'times and runs').split('\n');
    const row = (label: string, ...cells: string[]) => new RegExp(`^ {4}${re(label)} +${cells.map(re).join(' +')}$`);
    expect(rows[0]).toMatch(/^ +runs +succeeded +failed +runs\/s +min +avg +max$/);
    expect(rows[1]).toMatch(row('workflow', '5000', '4990', '10', '499.4', '1.20 ms', '4.70 ms', '88.1 ms'));
    expect(rows[2]).toMatch(row('  step open home', '5000', '5000', '0', '499.4', '410 µs', '1.02 ms', '12.7 ms'));
    expect(rows[3]).toMatch(row('    GET /', '5000', '5000', '0', '499.4', '400 µs', '1.01 ms', '12.6 ms'));
    expect(rows[4]).toMatch(row('  step add to cart', '4998', '4987', '11', '499.2', '800 µs', '2.60 ms', '61.3 ms'));
    expect(rows[5]).toMatch(row('    POST /cart/{id}', '4998', '4998', '0', '499.2', '500 µs', '1.50 ms', '40.2 ms'));
    expect(rows[6]).toMatch(row('    GET /cart', '4998', '4987', '11', '499.2', '300 µs', '1.10 ms', '20.9 ms'));
    expect(rows[7]).toMatch(row('  step pay', '4987', '4971', '16', '498.1', '200 µs', '1.00 ms', '30.4 ms'));
    expect(rows[8]).toMatch(row('    POST /pay', '4977', '4968', '9', '498.1', '190 µs', '980 µs', '30.3 ms'));
    expect(rows).toHaveLength(9);
    // Right-aligned numbers: every row ends in the same column.
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
  });

  test('retries: the workflow total and a table of the requests retried, only when there were some', () => {
    expect(report).not.toContain('retries');
    const [first, second] = result.workflows[0].steps[1].requests;
    const steps = [...result.workflows[0].steps];
    steps[1] = {
      ...steps[1],
      requests: [
        { ...first, retries: 2 },
        { ...second, retries: 1 },
      ],
    };
    const wf = { ...result.workflows[0], retries: 3, steps };
    const out = sectionOf(formatFullReport(makeRunResult({ workflows: [wf] })), `workflow ${wf.name}`, [`workflow ${wf.name}`]);
    expect(out).toMatch(/^ {2}retries +3 sent again on a fresh connection$/m);
    const rows = table(out, 'retries (sent again on a fresh connection)').split('\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^ {4}POST \/cart\/\{id\} \(add to cart\) +2$/);
    expect(rows[2]).toMatch(/^ {4}GET \/cart \(add to cart\) +1$/);
  });

  test('status classes per level', () => {
    const rows = table(checkout, 'status classes');
    expect(rows).toMatch(/^ +1xx +2xx +3xx +4xx +5xx$/m);
    expect(rows).toMatch(/^ {4}workflow +0 +14953 +0 +11 +6$/m);
    expect(rows).toMatch(/^ {6}step add to cart +0 +9985 +0 +11 +0$/m);
    expect(rows).toMatch(/^ {8}GET \/cart +0 +4987 +0 +11 +0$/m);
    expect(rows).toMatch(/^ {8}POST \/pay +0 +4968 +0 +0 +6$/m);
    expect(table(search, 'status classes')).toMatch(/^ {8}GET \/search\?q=\{term\} +0 +1180 +27 +0 +0$/m);
  });

  test('P10..P100 per level', () => {
    const rows = table(checkout, 'percentiles');
    expect(rows).toMatch(/^ +P10 +P25 +P50 +P75 +P90 +P95 +P99 +P100$/m);
    expect(rows).toMatch(/^ {4}workflow +2\.10 ms +2\.90 ms +3\.80 ms +5\.00 ms +7\.70 ms +9\.90 ms +21\.0 ms +88\.1 ms$/m);
    expect(rows).toMatch(/^ {8}POST \/cart\/\{id\} +700 µs +950 µs +1\.27 ms +1\.70 ms +2\.60 ms +3\.40 ms +8\.87 ms +40\.2 ms$/m);
    expect(table(search, 'percentiles')).toMatch(/^ {4}workflow +340 µs +480 µs +850 µs .* +413 ms +1\.23 s$/m);
  });

  test('percentiles of the successful runs, only when some run failed and the results have them', () => {
    expect(report).not.toContain('percentiles of successful runs');
    const ok = { min: 5, max: 90, mean: 9, p10: 6, p25: 7, p50: 8, p75: 9, p90: 10, p95: 11, p99: 40, p100: 90 };
    const [wf] = result.workflows;
    const down = { ...wf, succeeded: 0, failed: wf.runs, succeededLatencyMs: { ...ok, min: 0, max: 0, mean: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0, p100: 0 }, steps: [] };
    const withOk = { ...wf, succeededLatencyMs: ok };
    const out = formatFullReport(makeRunResult({ workflows: [withOk] }));
    const rows = table(sectionOf(out, `workflow ${wf.name}`, [`workflow ${wf.name}`]), 'percentiles of successful runs');
    expect(rows).toMatch(/^ +P10 +P25 +P50 +P75 +P90 +P95 +P99 +P100$/m);
    expect(rows).toMatch(/^ {4}workflow +6\.00 ms +7\.00 ms +8\.00 ms +9\.00 ms +10\.0 ms +11\.0 ms +40\.0 ms +90\.0 ms$/m);
    // No successful run: no figures, rather than zeros.
    const none = table(sectionOf(formatFullReport(makeRunResult({ workflows: [down] })), `workflow ${wf.name}`, [`workflow ${wf.name}`]), 'percentiles of successful runs');
    expect(none).toMatch(/^ {4}workflow +- +- +- +- +- +- +- +-$/m);
  });

  test('errors, failure reasons and checks', () => {
    expect(table(checkout, 'errors without a status code')).toMatch(/^ {4}POST \/pay \(pay\) +timeout +3$/m);
    expect(table(checkout, 'failure reasons')).toMatch(/^ +7 {2}check: status is 200$/m);
    expect(table(checkout, 'checks')).toMatch(/^ {4}status is 200 +4993 +7$/m);
    expect(search).not.toContain('errors without a status code');
    expect(search).not.toContain('checks');
  });

  test('a distribution for the workflow, every step and every request', () => {
    const dist = checkout.slice(checkout.indexOf('  latency distribution'));
    const titles = ['workflow', 'step open home', 'GET / (open home)', 'step add to cart', 'POST /cart/{id} (add to cart)', 'GET /cart (add to cart)', 'step pay', 'POST /pay (pay)'];
    let at = 0;
    for (const title of titles) {
      const next = dist.indexOf(`\n    ${title}\n`, at);
      expect(next).toBeGreaterThan(at - 1); // present, and in this order
      at = next + 1;
    }
    expect(dist).toMatch(/^ {6}<= 2 ms +\|█+ *\| +2900 +\(58\.0%\)$/m); // POST /cart/{id}
    expect(dist).toMatch(/^ {6}<= 50 ms +\|█+. *\| +85 +\( ?1\.7%\)$/m); // POST /pay
  });

  test.each([60, 80, 120])('width %p: no line wider, nothing lost', (width) => {
    for (const color of [false, true]) {
      const out = formatFullReport(result, { width, color });
      expect(widestLine(out)).toBeLessThanOrEqual(width);
      const plain = stripAnsi(out);
      for (const value of ['8.87 ms', '40.2 ms', '9985', '4968', '412 ms', '1.23 s']) {
        expect(plain).toContain(value);
      }
    }
  });

  test('no ANSI escapes without colour, some with, and the same text either way', () => {
    const colored = formatFullReport(result, { color: true });
    expect(report).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(stripAnsi(colored)).toBe(report);
  });
});
