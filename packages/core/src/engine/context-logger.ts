import type { LogLevel, LogSink, WorkflowLogger } from '../contracts/log.js';

/** What a context logger reads at each line: the bindings of the moment. */
export interface LogBindings {
  readonly workflow: string;
  readonly stepName: string;
  readonly userId: number;
  readonly iteration: number;
}

/**
 * `ctx.log`: forwards to the sink with the workflow, the current step, the user and the
 * iteration bound. Fields are only built when the level is enabled.
 */
export class ContextLogger implements WorkflowLogger {
  constructor(
    private readonly sink: LogSink | undefined,
    private readonly bindings: LogBindings,
  ) {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  private write(level: LogLevel, message: string, fields: Record<string, unknown> | undefined): void {
    const sink = this.sink;
    if (sink === undefined || !sink.enabled(level)) return;
    const b = this.bindings;
    sink.write(level, String(message), { ...fields, workflow: b.workflow, step: b.stepName, user: b.userId, iteration: b.iteration });
  }
}
