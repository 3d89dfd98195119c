import path from 'node:path';
import type { CommandModule } from 'yargs';
import { ConfigError, configLayers, listServices, planLoad } from '@go-heavy/config';
import { drawLoadChart } from '@go-heavy/reporter';
import { exitOnError } from '../exit.js';
import { toRunFlags, withLoadOptions, type LoadArgs } from '../load-options.js';
import { useColor } from '../terminal.js';

export interface ChartArgs extends LoadArgs {
  target?: string;
}

/**
 * `go-heavy chart [service] <run flags>`: draws the planned load (users or rate over time)
 * without loading a workflow or sending a request, so a profile can be checked before a run.
 */
export const chartCommand: CommandModule<object, ChartArgs> = {
  command: 'chart [target]',
  describe: 'Draw the planned load profile of a run in the terminal, without sending a request',
  builder: (y) => withLoadOptions(y).positional('target', { type: 'string', describe: '<service> whose heavy.config.ts to include' }) as never,
  handler: async (args) => {
    try {
      const root = path.resolve(args.root);
      const service = args.target?.split('/')[0];
      if (service !== undefined) {
        // A misspelt service would otherwise draw the plan without its heavy.config.ts.
        const services = await listServices(root);
        if (!services.includes(service)) throw new ConfigError(`unknown service "${service}" in ${path.join(root, 'services')}: expected one of ${services.join(', ') || '(none found)'}`);
      }
      const { layers } = await configLayers(root, service ? path.join(root, 'services', service) : undefined);
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
