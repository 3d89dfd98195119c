import path from 'node:path';
import { buildRunPlan } from '@go-heavy/config';
import { concurrencyOf, Engine, type Reporter } from '@go-heavy/core';
import { createHttpClient } from '@go-heavy/http-client';
import { createRecorder } from '@go-heavy/metrics';
import { consoleReporter, jsonReporter, progressReporter } from '@go-heavy/reporter';
import type { RunArgs } from './commands/run.js';
import { EXIT } from './exit.js';
import { toRunFlags } from './load-options.js';
import { createLogger } from './logger.js';
import { onInterrupt } from './interrupt.js';
import { useColor } from './terminal.js';

/**
 * Composes the packages for one `run`: config builds the plan, the engine drives it through the
 * instrumented client into the recorder, reporters print and write. Resolves to the exit code.
 */
export async function executeRun(args: RunArgs): Promise<number> {
  const log = createLogger();
  const { plan, timeoutMs, configFiles } = await buildRunPlan({
    root: path.resolve(args.root),
    target: args.target,
    flags: toRunFlags(args),
    processEnv: process.env,
  });
  log.debug({ configFiles, workflows: plan.workflows.map((w) => w.name) }, 'plan ready');

  const reporters: Reporter[] = [
    consoleReporter({ write: (text) => process.stdout.write(text), color: useColor(process.stdout), width: process.stdout.columns || 100, progress: false }),
  ];
  if (!args.quiet) {
    reporters.push(progressReporter({ write: (text) => process.stderr.write(text) }));
  }
  if (args.out) reporters.push(jsonReporter({ path: path.resolve(args.out) }));

  // One pool per origin shared by every workflow: enough connections for all their users at once.
  const users = concurrencyOf(plan.load) * plan.workflows.length;
  const http = createHttpClient({ timeoutMs, connections: Math.max(users, 1) });
  const engine = new Engine(plan, {
    http,
    createRecorder: () => createRecorder(),
    reporters,
    warn: (message) => log.warn(message),
  });
  let interrupted = false;
  const release = onInterrupt(
    () => {
      interrupted = true;
      process.stderr.write('\ngo-heavy: stopping: waiting for running iterations (Ctrl-C again to cut them short)\n');
      engine.stop();
    },
    () => engine.abort(),
  );
  try {
    await engine.run();
  } finally {
    release();
    await http.close();
  }
  return interrupted ? EXIT.interrupted : EXIT.ok;
}
