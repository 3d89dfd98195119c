import type { CommandModule } from 'yargs';
import { executeRun } from '../execute-run.js';
import { exitOnError } from '../exit.js';
import { withHttpOptions, type HttpArgs } from '../http-options.js';
import { withLoadOptions, type LoadArgs } from '../load-options.js';
import { withReportOptions, type ReportArgs } from '../report-options.js';
import { withRequestLogOptions, type RequestLogArgs } from '../request-log-options.js';

/** `--full` / `--report full`: what the console prints at the end; unset lets heavy.config.ts decide. */
export interface RunArgs extends LoadArgs, RequestLogArgs, HttpArgs, ReportArgs {
  target: string;
  out?: string;
  quiet: boolean;
  /** `--reporter NAME`, repeatable: built-ins or npm packages added to heavy.config.ts's `reporters`. */
  reporter?: string[];
  /** `--html FILE`: also write the HTML report there. */
  html?: string;
  /** `--junit FILE`: also write the thresholds and checks as JUnit XML there. */
  junit?: string;
  /** `--dashboard`: serve the live dashboard on 127.0.0.1 while the run goes. */
  dashboard?: boolean;
  /** `--dashboard-port N`: its port (0, the default, takes a free one); implies `--dashboard`. */
  'dashboard-port'?: string;
  /** `--threshold EXPR`, repeatable: pass/fail criteria; a failed one exits with 99. */
  threshold?: string[];
  /** `--history PATH`, or false for `--no-history`. */
  history?: string | false;
  /** `--tag key=value`, repeatable: labels of this run in the history. */
  tag?: string[];
  /** `--verbose`: the tool's log to stderr instead of a file. */
  verbose?: boolean;
  /** `--show-secrets`: write the values of secret-named env variables as they are (no redaction). */
  'show-secrets'?: boolean;
  /** `--mix browse=9,write=1`: weights of the workflows sharing the service's load. */
  mix?: string;
  /** `--workers N|auto`: worker threads running the load. */
  workers?: string;
  /** `--segment i/N`: run share i of N of the test. */
  segment?: string;
  /** `--test-id ID`: the test's id, shared by its segments. */
  'test-id'?: string;
  /** `--prometheus-pushgateway host:port` (or GO_HEAVY_PROMETHEUS_PUSHGATEWAY, PROMETHEUS_PUSH_GATEWAY). */
  'prometheus-pushgateway'?: string;
}

/** `go-heavy run <target>`: runs workflows under a load model and prints the summary. */
export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <target>',
  describe: 'Run a service (all its workflows), one workflow (<service>/<workflow>) or a workflow file',
  builder: (y) =>
    withReportOptions(withHttpOptions(withRequestLogOptions(withLoadOptions(y))), 'Output:')
      .positional('target', { type: 'string', demandOption: true, describe: '<service>, <service>/<workflow> or a path' })
      .option('mix', {
        type: 'string',
        describe: "Split the service's --users/--rate (and --max-users, --unique-users, --iterations) across its workflows by weight, e.g. browse=9,write=1; workflows left out do not run",
        group: 'Load:',
      })
      .option('workers', {
        type: 'string',
        describe: 'Run the load on N worker threads, each an exact share of it (auto: the cores, less one for the main thread above 2) [default: 1]',
        group: 'Scale:',
      })
      .option('segment', { type: 'string', describe: 'Run share i of N of the test (e.g. 2/3, one per machine); merge the results with go-heavy merge', group: 'Scale:' })
      .option('test-id', { type: 'string', describe: "The test's id in the results: give the segments of one test the same one [default: a new UUID]", group: 'Scale:' })
      .option('out', { type: 'string', alias: 'o', describe: 'Write the results JSON to this file', group: 'Output:' })
      .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print only the summary', group: 'Output:' })
      .option('html', { type: 'string', describe: 'Also write the HTML report to this file', group: 'Output:' })
      .option('junit', { type: 'string', describe: 'Also write JUnit XML to this file: a test case per threshold and per check, for CI to display', group: 'Output:' })
      .option('dashboard', { type: 'boolean', describe: 'Serve a live dashboard on 127.0.0.1 while the run goes, with a button to stop it (its URL is printed)', group: 'Output:' })
      .option('dashboard-port', { type: 'string', describe: 'Port of the dashboard; 0 takes a free one (implies --dashboard) [default: 0]', group: 'Output:' })
      .option('show-secrets', {
        type: 'boolean',
        describe:
          'Write the values of secret env variables (*_TOKEN, *_SECRET, *_PASSWORD, *_KEY, AUTH*…) as they are; by default they are replaced by [REDACTED] in results, reports, history and logs',
        group: 'Output:',
      })
      .option('verbose', { type: 'boolean', alias: 'v', describe: 'Send the log (GO_HEAVY_LOG_LEVEL, GO_HEAVY_LOG_FORMAT) to stderr instead of GO_HEAVY_LOG_FILE', group: 'Output:' })
      .option('threshold', { type: 'string', array: true, describe: 'Pass/fail criterion, e.g. "shop/buy p95 < 300ms" (repeatable); a failed one exits with 99', group: 'Checks:' })
      .option('history', { type: 'string', describe: 'History file (default <root>/.go-heavy/history.ndjson); --no-history records nothing', group: 'History:' })
      .option('tag', { type: 'string', array: true, describe: 'Label this run in the history, e.g. env=staging (repeatable)', group: 'History:' })
      .option('prometheus-pushgateway', {
        type: 'string',
        describe: 'Push metrics to this Pushgateway (host:port) every 5 s and at the end [env: GO_HEAVY_PROMETHEUS_PUSHGATEWAY, or PROMETHEUS_PUSH_GATEWAY as in f1]',
        group: 'Output:',
      })
      .option('reporter', {
        type: 'string',
        array: true,
        describe: 'Add a reporter: console, json, html, junit or an npm package exporting a ReporterFactory (repeatable)',
        group: 'Output:',
      }) as never,
  handler: async (args) => {
    let code: number;
    try {
      code = await executeRun(args);
    } catch (err) {
      exitOnError(err);
    }
    // Results are written and reporters closed: what a workflow left behind (a setInterval never
    // cleared, an hour-long setTimeout, an open socket) must not keep the process alive. Output
    // still queued (pipes are asynchronous on macOS) is flushed first.
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  },
};

/** Resolves once everything written to `stream` so far has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}
