import { isConfigError } from '@go-heavy/config';
import type { Reporter } from '@go-heavy/core';
import { firstLine } from './first-line.js';

type Hook = 'onStart' | 'onProgress' | 'onEnd' | 'close';

/**
 * Wraps a reporter, built-in or plugin, so that a throwing hook takes neither the run nor the
 * other reporters down: the error is passed to `report` as one line naming the reporter and the
 * hook (the CLI prints it and ends with exit code 1) and the hook returns. Each hook reports its
 * first failure only: an `onProgress` that throws every second is one line, not one a second.
 * A {@link ConfigError} from `onStart` (a dashboard port in use) is a usage mistake found as the
 * run starts: it is rethrown so the CLI ends with its one line and exit code 2 before any load.
 * Hooks the reporter lacks stay absent, so the engine still skips them.
 */
export function guardReporter(reporter: Reporter, report: (message: string) => void): Reporter {
  const failed = new Set<Hook>();
  const fail = (hook: Hook, err: unknown): void => {
    if (failed.has(hook)) return;
    failed.add(hook);
    report(`reporter "${reporter.name}": ${hook} failed: ${firstLine(err)}`);
  };
  const guarded: Reporter = { name: reporter.name };
  if (reporter.onStart) {
    guarded.onStart = async (info) => {
      try {
        await reporter.onStart!(info);
      } catch (err) {
        if (isConfigError(err)) throw err;
        fail('onStart', err);
      }
    };
  }
  if (reporter.onProgress) {
    guarded.onProgress = (update) => {
      try {
        reporter.onProgress!(update);
      } catch (err) {
        fail('onProgress', err);
      }
    };
  }
  if (reporter.onEnd) {
    guarded.onEnd = async (result) => {
      try {
        await reporter.onEnd!(result);
      } catch (err) {
        fail('onEnd', err);
      }
    };
  }
  if (reporter.close) {
    guarded.close = async () => {
      try {
        await reporter.close!();
      } catch (err) {
        fail('close', err);
      }
    };
  }
  return guarded;
}
