import { stripAnsi } from '../src/color.js';
import { formatFullReport } from '../src/format-full-report.js';
import { formatSummary } from '../src/format-summary.js';
import { makeCustomMetricsResult } from './helpers/custom-metrics-fixture.js';
import { makeRunResult } from './helpers/run-result-fixture.js';
import { sectionOf } from './helpers/text.js';

const result = makeCustomMetricsResult();
const TITLES = result.workflows.map((w) => `workflow ${w.name}`);

describe('custom metrics in the console summary', () => {
  const summary = formatSummary(result);

  it("lists a workflow's metrics compactly, one line each, with its kind and stats", () => {
    expect(summary).toMatch(
      /^ {2}custom metrics\n {4}results per page +trend +avg 11\.2 {2}p50 10 {2}p95 24 {2}max 50 {2}\(5000 values\)\n {4}orders +counter +4998 \(499\.2\/s\)\n {4}cart ok +rate +99\.8% \(4987 of 4998\)$/m,
    );
  });

  it('says nothing of custom metrics when a run recorded none', () => {
    expect(formatSummary(makeRunResult())).not.toContain('custom metrics');
  });

  it('keeps colour out of the text it colours', () => {
    expect(stripAnsi(formatSummary(result, { color: true }))).toBe(summary);
  });
});

describe('custom metrics and tags in the complete report', () => {
  const report = formatFullReport(result);
  const checkout = sectionOf(report, 'workflow checkout/browse-and-buy', TITLES);

  it('shows a table per kind, with the workflow roll-up and each step that recorded the metric', () => {
    expect(checkout).toMatch(/^ {2}custom counters\n {4} +metric +count +per second\n {4}workflow +orders +4998 +499\.2\n {4} {2}step add to cart +orders +4998 +499\.2$/m);
    expect(checkout).toMatch(/^ {2}custom rates\n {4} +metric +rate +true +values\n {4}workflow +cart ok +99\.8% +4987 +4998\n {4} {2}step add to cart +cart ok +99\.8% +4987 +4998$/m);
    expect(checkout).toMatch(
      /^ {2}custom trends \(in their own unit\)\n {4} +metric +values +min +avg +P50 +P90 +P95 +P99 +max\n {4}workflow +results per page +5000 +0 +11\.2 +10 +24 +24 +50 +50\n {4} {2}step open home +results per page +5000 +0 +11\.2 +10 +24 +24 +50 +50$/m,
    );
  });

  it('adds requests up per tag', () => {
    expect(checkout).toMatch(
      /^ {2}requests by tag \(every request carrying the tag\)\n {4} +runs +failed +runs\/s +min +avg +P50 +P95 +P99 +max\n {4}\{kind=home\} +5000 +0 +499\.4 +400 µs +1\.01 ms +900 µs +1\.61 ms +3\.31 ms +12\.6 ms$/m,
    );
  });

  it('names a tagged request with its tags', () => {
    expect(checkout).toMatch(/^ {8}GET \/ \{kind=home\} +5000 /m);
    expect(checkout).toContain('GET / {kind=home} (open home)');
  });

  it('has no custom metric tables for a workflow without metrics', () => {
    expect(sectionOf(report, 'workflow search/query', TITLES)).not.toContain('custom');
  });
});
