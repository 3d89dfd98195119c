import path from 'node:path';
import type { CommandModule } from 'yargs';
import { configLayers, planLoad, resolveTarget } from '@go-heavy/config';
import { drawLoadChart } from '@go-heavy/reporter';
import { exitOnError } from '../exit.js';
import { toRunFlags, withLoadOptions, type LoadArgs } from '../load-options.js';
import { useColor } from '../terminal.js';

export interface ChartArgs extends LoadArgs {
  target?: string;
}

/**
 * `go-heavy chart [target] <run flags>`: draws the planned load (users or rate over time)
 * without sending a request, so a profile can be checked before a run. The target is resolved
 * as `run` resolves it (its workflow files are loaded, not run).
 */
export const chartCommand: CommandModule<object, ChartArgs> = {
  command: 'chart [target]',
  describe: 'Draw the planned load profile of a run in the terminal, without sending a request',
  builder: (y) => withLoadOptions(y).positional('target', { type: 'string', describe: '<service>, <service>/<workflow> or a path, as for run: its heavy.config.ts is included' }) as never,
  handler: async (args) => {
    try {
      const root = path.resolve(args.root);
      // The target is found as `run` finds it, so a misspelt service or workflow is the same error
      // (and the plan drawn is that target's, with its service's heavy.config.ts).
      const serviceDir = args.target === undefined ? undefined : (await resolveTarget(root, args.target))[0]!.serviceDir;
      const { layers } = await configLayers(root, serviceDir);
      const { plan } = await planLoad(layers, toRunFlags(args));
      const durationMs = plan.durationMs ?? 0;
      const width = Math.min(process.stdout.columns || 80, 120);
      process.stdout.write(`${drawLoadChart(plan.load, durationMs, { width, color: useColor(process.stdout) })}\n`);
      if (plan.warmupMs > 0) process.stdout.write(`plus a ${plan.warmupMs / 1000} s warm-up before it, kept out of the statistics\n`);
    } catch (err) {
      exitOnError(err);
    }
  },
};
