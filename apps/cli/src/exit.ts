import { isConfigError } from '@go-heavy/config';
import { isDataFileError, WorkflowInitError } from '@go-heavy/core';

/** Exit codes: the Unix conventions, and k6's 99 for failed thresholds. */
export const EXIT = { ok: 0, failure: 1, usage: 2, thresholds: 99, interrupted: 130 } as const;

/**
 * Prints a user mistake and exits with the usage code, no stack trace: one line per problem
 * (a profile file may have several), each prefixed so it reads alone in a CI log.
 */
export function usageError(message: string): never {
  process.stderr.write(
    message
      .split('\n')
      .map((line) => `go-heavy: ${line}\n`)
      .join(''),
  );
  process.exit(EXIT.usage);
}

/**
 * The one place errors become exit codes. A user's mistake is one line and code 2 (a data file
 * that `init` could not read or parse is one: `users.csv:12: …`); a workflow whose init throws
 * otherwise is one line and code 1; anything else is a bug of ours, with its stack.
 */
export function exitOnError(err: unknown): never {
  if (isConfigError(err)) usageError(err.message);
  if (err instanceof WorkflowInitError && isDataFileError(err.cause)) usageError(err.cause.message);
  if (err instanceof WorkflowInitError) {
    process.stderr.write(`go-heavy: ${err.message}\n`);
    process.exit(EXIT.failure);
  }
  process.stderr.write(`go-heavy: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(EXIT.failure);
}
