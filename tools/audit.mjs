#!/usr/bin/env node
// `npm run audit`: the production dependencies (what a user installs) against the registry's
// advisories. Fails on any high or critical one. A registry without the advisory endpoint (some
// mirrors answer 405) cannot be checked: that is said on one line and does not fail the build,
// since nothing was found wrong; run it where the public registry answers.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`audit: npm audit gave no report (exit ${run.status}): ${run.stderr.trim().split('\n').pop()}`);
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities;
if (counts === undefined) {
  console.warn(`audit: NOT CHECKED: the registry's advisory endpoint did not answer (${report.message ?? report.error?.summary ?? 'no report'})`);
  process.exit(0);
}
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
for (const [name, v] of serious) console.error(`audit: ${v.severity}: ${name} ${v.range}${v.fixAvailable ? ' (a fix is available)' : ''}`);
console.log(`audit: production dependencies: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`);
process.exit(serious.length > 0 ? 1 : 0);
