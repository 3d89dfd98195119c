import os from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { ConfigError } from '@go-heavy/config';
import type { LogLevel, LogSink, Redactor } from '@go-heavy/core';
import { LogDestination } from './log-destination.js';
import { writablePath } from './output-path.js';
import { envWithAlias } from './env-alias.js';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** The tool's own log (not the report), and the sink `ctx.log` writes to. */
export interface ToolLog {
  logger: Logger;
  sink: LogSink;
  /** From now on, hides the secrets of `redactor` in every line, `ctx.log` lines included. */
  redact(redactor: Redactor): void;
  /** Flushes; resolves to the file written, when lines went to a file. */
  close(): Promise<string | undefined>;
}

/**
 * The log as f1 configures it: GO_HEAVY_LOG_LEVEL (debug|info|warn|error, default info),
 * GO_HEAVY_LOG_FORMAT (text|json, default text), GO_HEAVY_LOG_FILE or f1's LOG_FILE_PATH (default a file in the
 * temp folder, only created when something is logged); `verbose` sends it to stderr instead.
 */
export function createToolLog(options: { verbose: boolean; env: NodeJS.ProcessEnv }): ToolLog {
  const { env } = options;
  const level = (env.GO_HEAVY_LOG_LEVEL || 'info').toLowerCase() as LogLevel;
  if (!LEVELS.includes(level)) throw new ConfigError(`GO_HEAVY_LOG_LEVEL: expected one of ${LEVELS.join(', ')}, got "${env.GO_HEAVY_LOG_LEVEL}"`);
  const format = (env.GO_HEAVY_LOG_FORMAT || 'text').toLowerCase();
  if (format !== 'text' && format !== 'json') throw new ConfigError(`GO_HEAVY_LOG_FORMAT: expected text or json, got "${env.GO_HEAVY_LOG_FORMAT}"`);
  // A file the user named is checked now, as the output flags are: not at the first log line.
  const named = envWithAlias(env, 'GO_HEAVY_LOG_FILE');
  if (named.value && !options.verbose) writablePath(named.from, named.value);
  const file = named.value || path.join(os.tmpdir(), `go-heavy-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
  const destination = new LogDestination(options.verbose ? { stderr: true } : { file: path.resolve(file) }, format);
  const logger = pino({ name: 'go-heavy', level, base: undefined }, destination);
  const sink: LogSink = {
    enabled: (l) => logger.isLevelEnabled(l),
    write: (l, message, fields) => logger[l](fields, message),
  };
  return {
    logger,
    sink,
    redact: (redactor) => {
      destination.redactor = redactor;
    },
    close: async () => {
      logger.flush();
      await destination.close();
      return destination.written;
    },
  };
}
