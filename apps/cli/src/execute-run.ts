import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { buildRunPlan, ConfigError, releaseModuleLoader } from '@go-heavy/config';
import { Engine, isDataFileError, LoadShareError, planConcurrency, REPORTER_API_VERSION, WorkflowInitError, type Reporter, type ReporterContext } from '@go-heavy/core';
import { createHttpClient, type RequestLogStats } from '@go-heavy/http-client';
import { createRecorder } from '@go-heavy/metrics';
import { dashboardReporter } from '@go-heavy/reporter';
import type { RunArgs } from './commands/run.js';
import { EXIT } from './exit.js';
import { httpClientOptions, toHttpFlags } from './http-options.js';
import { toRunFlags } from './load-options.js';
import { createToolLog } from './logger.js';
import { onInterrupt } from './interrupt.js';
import { parsePort } from './parse-port.js';
import { writablePath } from './output-path.js';
import { historyFile, parseTags } from './history-options.js';
import { prometheusFromOptions } from './prometheus-option.js';
import { recordHistory } from './record-history.js';
import { closeRequestLog, openRequestLog } from './request-log-options.js';
import { catchStrayErrors } from './stray-errors.js';
import { consoleOptions, reporterRequests, resolveReporters } from './resolve-reporters.js';
import { runReporters, type ReporterStream } from './run-reporters.js';
import { wantsFullReport } from './report-options.js';
import { redactThresholds, runRedactor } from './secrets.js';
import { useColor } from './terminal.js';
import { parseSegment, parseTestId, parseWorkers } from './scale-options.js';
import { runOnWorkers, usableWorkers } from './workers/run-workers.js';

/**
 * Composes the packages for one `run`: config builds the plan, the engine drives it through the
 * instrumented client into the recorder, reporters print and write. Resolves to the exit code.
 */
export async function executeRun(args: RunArgs): Promise<number> {
  const toolLog = createToolLog({ verbose: args.verbose === true, env: process.env });
  const log = toolLog.logger;
  const root = path.resolve(args.root);
  const cwd = process.cwd();
  // --dashboard-port alone turns the dashboard on too; a bad port stops us before anything runs.
  const dashboardPort = args.dashboard || args['dashboard-port'] !== undefined ? parsePort('--dashboard-port', args['dashboard-port'] ?? '0') : undefined;
  const tags = parseTags(args.tag);
  const requestedWorkers = parseWorkers(args.workers);
  const segment = parseSegment(args.segment);
  const testId = parseTestId(args['test-id']) ?? randomUUID();
  // Output files are checked before the run: a bad path must not cost the results.
  const out = args.out !== undefined ? writablePath('--out', args.out) : undefined;
  if (args.html !== undefined) writablePath('--html', args.html);
  if (args.junit !== undefined) writablePath('--junit', args.junit);
  if (typeof args.history === 'string') writablePath('--history', args.history);
  const built = await buildRunPlan({
    root,
    target: args.target,
    flags: { ...toRunFlags(args), ...toHttpFlags(args), threshold: args.threshold, mix: args.mix },
    processEnv: process.env,
  });
  const { timeoutMs, http: httpSettings, configFiles, configs } = built;
  // Secrets of the environment never reach the results, reports, history or logs (unless --show-secrets).
  const redactor = runRedactor(built.plan, process.env, args['show-secrets'] === true);
  toolLog.redact(redactor);
  const shared = redactThresholds(built.plan, redactor);
  const workers = usableWorkers(shared, segment, requestedWorkers);
  if (workers < requestedWorkers) {
    process.stderr.write(`go-heavy: --workers ${args.workers}: the load has work for ${workers} worker${workers === 1 ? '' : 's'} (fewer users than workers); running ${workers}\n`);
  }
  const plan = { ...shared, ...(segment.count > 1 && workers === 1 && { segment }) };
  const service = plan.workflows[0]!.service;
  log.debug({ configFiles, workflows: plan.workflows.map((w) => w.name) }, 'plan ready');

  // The config files buildRunPlan read (the root's, then the service's), compiled once: their `reporters`.
  const requests = reporterRequests(
    configs.map((config, i) => ({ file: configFiles[i]!, config })),
    args.reporter ?? [],
    root,
    cwd,
  );
  if (args.html !== undefined) requests.push({ name: 'html', options: { path: args.html }, from: path.join(cwd, 'package.json'), source: '--html' });
  if (args.junit !== undefined) requests.push({ name: 'junit', options: { path: args.junit }, from: path.join(cwd, 'package.json'), source: '--junit' });
  const context: ReporterContext = Object.freeze({ apiVersion: REPORTER_API_VERSION, root, cwd });
  const fromConfig = consoleOptions(requests);
  let reporterFailed = false;
  const reportFailure = (message: string): void => {
    reporterFailed = true;
    process.stderr.write(`go-heavy: ${message}\n`);
  };
  const plugins = await resolveReporters(requests, context);
  // Every user module (config, workflows, reporters) is loaded: the bundler is not needed again.
  await releaseModuleLoader();
  const dashboard = dashboardPort === undefined ? undefined : liveDashboard(dashboardPort, () => (interrupted = true));
  const prometheus = await prometheusFromOptions(args['prometheus-pushgateway'], process.env, service, (message) => process.stderr.write(`go-heavy: prometheus: ${message}\n`));
  const reporters = runReporters({
    out: terminalStream(process.stdout),
    err: terminalStream(process.stderr),
    quiet: args.quiet === true,
    full: wantsFullReport(args) ?? fromConfig.full === true,
    resultsFile: out,
    plugins,
    dashboard,
    prometheus,
    report: reportFailure,
  });

  // One pool per origin shared by every workflow: enough connections for all their users at once.
  const users = planConcurrency(plan);
  // --log-requests: opened now (a bad flag or file stops us here), closed after the client.
  const requestLog = openRequestLog(
    args,
    configs,
    plan.workflows.map((w) => w.env),
    redactor.values,
  );
  // With --workers, each worker appends its own lines to the file; what their logs said when they closed.
  let workerLogs: Array<RequestLogStats | undefined> = [];
  const http = createHttpClient({
    timeoutMs,
    connections: Math.max(users, 1),
    ...httpClientOptions(httpSettings),
    ...requestLog?.clientOptions,
    // A request that stopped at --max-redirects, told once per endpoint in the log.
    warn: (message) => log.warn(message),
  });
  const deps = { http, createRecorder: () => createRecorder({ redactor }), reporters, testId, warn: (message: string) => log.warn(message), log: toolLog.sink };
  const engine = workers > 1 ? workersEngine() : singleEngine();
  let interrupted = false;
  const release = onInterrupt(
    () => {
      interrupted = true;
      process.stderr.write('\ngo-heavy: stopping: waiting for running iterations (Ctrl-C again to cut them short)\n');
      engine.stop();
    },
    () => engine.abort(),
  );
  const releaseStray = catchStrayErrors((line) => process.stderr.write(line));
  let result;
  try {
    result = await engine.run();
    if (engine.crashed) reporterFailed = true;
  } catch (err) {
    // The engine closes reporters after a run; when the run itself failed (an init threw),
    // reporters that opened something in their factory still get to release it.
    // Guarded: a close that throws here is one more line, not a second error hiding the first.
    await Promise.all(reporters.map((r) => r.close?.()));
    // An init that threw with a token in its message: printed as one line, without it.
    if (err instanceof WorkflowInitError) {
      err.message = redactor.text(err.message);
      if (isDataFileError(err.cause)) err.cause.message = redactor.text(err.cause.message);
    }
    throw err;
  } finally {
    release();
    releaseStray();
    await http.close();
    await closeRequestLog(requestLog, args.quiet, (line) => process.stderr.write(line), workerLogs);
    const logFile = await toolLog.close();
    if (logFile) process.stderr.write(`go-heavy: logs: ${logFile}\n`);
  }
  if (args.history !== false) {
    const problem = await recordHistory(historyFile(root, args.history), result, { root, service, tags, redactor });
    if (problem) process.stderr.write(`go-heavy: ${problem}\n`);
  }
  if (interrupted) return EXIT.interrupted;
  if (result.thresholds.some((t) => !t.ok)) return EXIT.thresholds;
  return reporterFailed ? EXIT.failure : EXIT.ok;

  /** The engine in this thread (`--segment` alone runs its share here). */
  function singleEngine(): { run(): Promise<import('@go-heavy/core').RunResult>; stop(): void; abort(): void; crashed: boolean } {
    try {
      const e = new Engine(plan, deps);
      return { run: () => e.run(), stop: () => e.stop(), abort: () => e.abort(), crashed: false };
    } catch (err) {
      if (err instanceof LoadShareError) throw new ConfigError(`--segment ${segment.index}/${segment.count}: ${err.message}`);
      throw err;
    }
  }

  /** `--workers N`: init and cleanup here, the load on N threads. */
  function workersEngine(): { run(): Promise<import('@go-heavy/core').RunResult>; stop(): void; abort(): void; crashed: boolean } {
    const abortOn = (plan.thresholds ?? []).some((t) => t.abortOnFail);
    const state = { crashed: false };
    let handle: ReturnType<typeof runOnWorkers> | undefined;
    return {
      run: () => {
        handle = runOnWorkers({
          plan,
          workers,
          segment,
          testId,
          deps,
          http: { timeoutMs, connections: Math.max(users, 1), ...httpClientOptions(httpSettings) },
          secrets: [...redactor.values],
          logLevels: (['debug', 'info', 'warn', 'error'] as const).filter((level) => toolLog.sink.enabled(level)),
          ...(requestLog && { requestLog: { shared: requestLog.shared, closed: (stats) => (workerLogs = stats) } }),
          live: abortOn || plugins.length > 0 || dashboard !== undefined || prometheus !== undefined,
          crashed: (message) => {
            state.crashed = true;
            process.stderr.write(`go-heavy: ${message}\n`);
          },
          stderr: (line) => process.stderr.write(line),
        });
        return handle.result;
      },
      stop: () => handle?.stop(),
      abort: () => handle?.abort(),
      get crashed() {
        return state.crashed;
      },
    };
  }
}

/** A process stream as the built-in reporters see it. */
function terminalStream(stream: NodeJS.WriteStream): ReporterStream {
  return { write: (text) => stream.write(text), tty: stream.isTTY === true, color: useColor(stream), columns: () => stream.columns || 100 };
}

/**
 * The dashboard reporter of `--dashboard`: prints its URL on stderr once it listens, and when its
 * Stop button is pressed says so and calls `onStop` (the run then ends as after Ctrl-C). A port
 * it cannot listen on is a usage error of one line.
 */
function liveDashboard(port: number, onStop: () => void): Reporter {
  const dashboard = dashboardReporter({
    port,
    onListening: (url) => process.stderr.write(`go-heavy: dashboard: ${url}\n`),
    onStop: () => {
      onStop();
      process.stderr.write('\ngo-heavy: stopping: asked from the dashboard; waiting for running iterations\n');
    },
  });
  return {
    ...dashboard,
    async onStart(info) {
      try {
        await dashboard.onStart!(info);
      } catch (err) {
        throw new ConfigError(`${(err as Error).message} (--dashboard-port ${port}; 0 takes a free one)`);
      }
    },
  };
}
