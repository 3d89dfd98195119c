/**
 * A data file that cannot be read or parsed, or rows that cannot give what was asked. Its message
 * is one line that starts with the file (relative to the current folder) and, for a parse error,
 * the line: `services/shop/users.csv:12: …`. Thrown in `init`, it stops the test before the load
 * (the CLI exits with code 2); thrown in an iteration, it fails that iteration with the message as
 * its reason.
 */
export class DataFileError extends Error {
  constructor(
    message: string,
    /**
     * True when rows opened with `onEnd: 'stop'` ran out: the test is stopping, and the iteration
     * that found no row is counted as interrupted, not failed.
     */
    readonly endOfData = false,
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** True for a {@link DataFileError} from any copy of this package. */
export function isDataFileError(err: unknown): err is DataFileError {
  return err instanceof Error && err.name === 'DataFileError';
}

/** True when `err` says rows opened with `onEnd: 'stop'` ran out. */
export function isEndOfData(err: unknown): boolean {
  return isDataFileError(err) && err.endOfData;
}
