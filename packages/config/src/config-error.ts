/**
 * A mistake in the user's input: a flag, a config file, a workflow file, an env value.
 * The CLI prints `message` as one line and exits with code 2, never with a stack trace.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** True for a {@link ConfigError} from any copy of this package. */
export function isConfigError(err: unknown): err is ConfigError {
  return err instanceof Error && err.name === 'ConfigError';
}
