/** Levels of the tool's log, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where log lines go. Implemented by the CLI on pino; the engine binds workflow, step, user and
 * iteration to every line a workflow writes through `ctx.log`.
 */
export interface LogSink {
  /** Whether lines of `level` are kept: lets callers skip building fields for nothing. */
  enabled(level: LogLevel): boolean;
  write(level: LogLevel, message: string, fields: Record<string, unknown>): void;
}

/** `ctx.log` in workflows: the tool's log, with the workflow and current step bound. */
export interface WorkflowLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
