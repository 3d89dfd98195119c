import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Argv } from 'yargs';
import { ConfigError, type HeavyConfig } from '@go-heavy/config';
import { createNdjsonRequestLog, type HttpClientOptions, type NdjsonRequestLogOptions, type RequestLog, type RequestLogStats } from '@go-heavy/http-client';
import { writablePath } from './output-path.js';

/** The request-log flags of `go-heavy run`, as typed (parsed and checked by {@link openRequestLog}). */
export interface RequestLogArgs {
  /** `--log-requests FILE`: one NDJSON line per request. */
  'log-requests'?: string;
  /** `--log-requests-sample 0.1`: the share of requests logged. */
  'log-requests-sample'?: string;
  /** `--log-failed-only`: only requests with no response or a status of 400 or above. */
  'log-failed-only'?: boolean;
  /** `--log-body-limit BYTES`: bytes kept of each body. */
  'log-body-limit'?: string;
}

/** Declares the request-log flags. */
export function withRequestLogOptions<T>(y: Argv<T>): Argv<T & RequestLogArgs> {
  const group = 'Request log:';
  return y
    .option('log-requests', { type: 'string', describe: 'Write one JSON line per request to this file (its id is sent as x-request-id)', group })
    .option('log-requests-sample', { type: 'string', describe: 'Log this share of the requests, e.g. 0.1 or 10% [default: 1]', group })
    .option('log-failed-only', { type: 'boolean', describe: 'Log only requests with no response or a status of 400 or above', group })
    .option('log-body-limit', { type: 'string', describe: 'Bytes kept of each request and response body [default: 4096]', group }) as Argv<T & RequestLogArgs>;
}

/** An open request log: the file, the sink, and what to give `createHttpClient`. */
export interface OpenRequestLog {
  /** The path as typed. */
  file: string;
  log: RequestLog;
  clientOptions: Pick<HttpClientOptions, 'requestLog' | 'requestIdHeader' | 'requestIdPrefix'>;
  /** The same log as plain data, for the worker threads of `--workers` (see {@link workerRequestLog}). */
  shared: SharedRequestLog;
}

/**
 * The request log as a worker thread gets it (structured clone): the worker opens its own log
 * on the same file with `append`, after the main thread emptied it, and writes whole lines with
 * O_APPEND, so the threads' lines never interleave (see createNdjsonRequestLog).
 */
export interface SharedRequestLog {
  /** The log's options, `path` absolute; the worker adds `append: true`. */
  log: NdjsonRequestLogOptions;
  requestIdHeader: string | undefined;
  /** What the ids of this client start with (`3f9a1c2e-` on the main thread, `3f9a1c2e-w1-` in worker 1). */
  requestIdPrefix: string;
}

/**
 * The request log of worker `index` (0-based): the run's random prefix and `w<n>-`, so that no
 * worker's ids can be another's or the main thread's (`3f9a1c2e-7` there, `3f9a1c2e-w1-7` here).
 */
export function workerRequestLog(shared: SharedRequestLog, index: number): SharedRequestLog {
  return { ...shared, requestIdPrefix: `${shared.requestIdPrefix}w${index + 1}-` };
}

/**
 * Opens the log of `--log-requests FILE` (undefined without it), with the other flags and the
 * `requestLog` of the config files (root first, then the service: later keys win, `redact` names
 * add up). Each `redact` name is a header name, and where it names a variable of a workflow's
 * environment, that value is hidden everywhere, as are `secrets` (the run's redactor's values).
 * Mistakes are one-line ConfigErrors, and so is a file that cannot be written: all before the
 * run starts.
 */
export function openRequestLog(
  args: RequestLogArgs,
  configs: readonly HeavyConfig[],
  envs: ReadonlyArray<Record<string, string | undefined>>,
  secrets: readonly string[] = [],
): OpenRequestLog | undefined {
  const file = args['log-requests'];
  if (file === undefined) {
    const stray = (['log-requests-sample', 'log-failed-only', 'log-body-limit'] as const).find((flag) => args[flag] !== undefined);
    if (stray !== undefined) throw new ConfigError(`--${stray}: only means something with --log-requests FILE`);
    return undefined;
  }
  if (file.trim() === '') throw new ConfigError('--log-requests: expected a file to write, got ""');
  // Checked here, folders made one by one: the client's own recursive mkdir never returns under /proc.
  writablePath('--log-requests', file);
  const sample = args['log-requests-sample'] === undefined ? 1 : parseSample(args['log-requests-sample']);
  const flagLimit = args['log-body-limit'] === undefined ? undefined : parseBodyLimit(args['log-body-limit']);

  let requestIdHeader: string | undefined;
  let bodyLimit: number | undefined;
  const redact = new Set<string>();
  for (const config of configs) {
    const settings = config.requestLog;
    if (settings === undefined) continue;
    requestIdHeader = settings.requestIdHeader ?? requestIdHeader;
    bodyLimit = settings.bodyLimit ?? bodyLimit;
    for (const name of settings.redact ?? []) redact.add(name);
  }
  const redactValues = new Set<string>(secrets);
  for (const name of redact) {
    for (const env of envs) {
      const value = env[name];
      if (value !== undefined && value !== '') redactValues.add(value);
    }
  }

  const options: NdjsonRequestLogOptions = {
    path: path.resolve(file),
    bodyLimit: flagLimit ?? bodyLimit,
    sample,
    failedOnly: args['log-failed-only'] === true,
    redactHeaders: [...redact],
    redactValues: [...redactValues],
  };
  let log: RequestLog;
  try {
    log = createNdjsonRequestLog(options);
  } catch (err) {
    throw new ConfigError(`--log-requests: cannot write ${file}: ${(err as Error).message}`);
  }
  // Drawn here rather than by the client, so that the workers' prefixes can be derived from it.
  const requestIdPrefix = `${randomBytes(4).toString('hex')}-`;
  return { file, log, clientOptions: { requestLog: log, requestIdHeader, requestIdPrefix }, shared: { log: options, requestIdHeader, requestIdPrefix } };
}

/**
 * Closes the log once the client is closed (every request settled), and says on stderr how
 * many lines it holds (unless `quiet`) and how many were lost, if any. With `--workers`,
 * `workers` holds what each worker's own log said when it closed (undefined for a worker that
 * crashed before telling: its lines already written stay in the file, uncounted), added here.
 */
export async function closeRequestLog(open: OpenRequestLog | undefined, quiet: boolean, write: (line: string) => void, workers: ReadonlyArray<RequestLogStats | undefined> = []): Promise<void> {
  if (open === undefined) return;
  const all = [await open.log.close(), ...workers.filter((s) => s !== undefined)];
  const written = all.reduce((n, s) => n + s.written, 0);
  const dropped = all.reduce((n, s) => n + s.dropped, 0);
  const error = all.find((s) => s.error !== undefined)?.error;
  if (error !== undefined) write(`go-heavy: request log: writing ${open.file} failed: ${error}; ${dropped} line${dropped === 1 ? '' : 's'} lost\n`);
  else if (dropped > 0) write(`go-heavy: request log: ${dropped} line${dropped === 1 ? '' : 's'} dropped: the disk could not keep up\n`);
  const untold = workers.length - (all.length - 1);
  const besides = untold === 0 ? '' : `, besides those of the ${untold === 1 ? 'worker' : `${untold} workers`} that crashed`;
  if (!quiet) write(`go-heavy: request log: ${written} request${written === 1 ? '' : 's'} in ${open.file}${besides}\n`);
}

function parseSample(text: string): number {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const number = Number(percent ? trimmed.slice(0, -1) : trimmed);
  const share = percent ? number / 100 : number;
  if (trimmed === '' || trimmed === '%' || !(share > 0 && share <= 1)) {
    throw new ConfigError(`--log-requests-sample: expected a share above 0 and at most 1, such as 0.1 or 10%, got "${text}"`);
  }
  return share;
}

function parseBodyLimit(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new ConfigError(`--log-body-limit: expected a whole number of bytes, 0 or more, got "${text}"`);
  return Number(text.trim());
}
