import path from 'node:path';
import type { CommandModule } from 'yargs';
import { EXIT, exitOnError } from '../exit.js';
import { useColor } from '../terminal.js';
import { checkEntryFiles, typeCheck } from '../type-check.js';

export interface CheckArgs {
  target?: string;
  root: string;
}

/**
 * `go-heavy check [target]`: type-checks the workflows and configs with the TypeScript compiler,
 * which running them never does. Exit 0 when clean, 1 when there are type errors, 2 for a bad target.
 */
export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check [target]',
  describe: 'Type-check workflows and heavy.config.ts files with the TypeScript compiler, without running them',
  builder: (y) =>
    y
      .positional('target', { type: 'string', describe: '<service>, <service>/<workflow> or a workflow file; every service when left out' })
      .option('root', { type: 'string', default: '.', describe: 'The folder that holds services/' }) as never,
  handler: async (args) => {
    try {
      const root = path.resolve(args.root);
      const files = await checkEntryFiles(root, args.target);
      const result = await typeCheck(root, files, useColor(process.stdout));
      if (result.output !== '') process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      process.stderr.write(`go-heavy: checked ${plural(result.files, 'file')}: ${result.errors === 0 ? 'no type errors' : plural(result.errors, 'type error')}\n`);
      process.exit(result.errors === 0 ? EXIT.ok : EXIT.failure);
    } catch (err) {
      exitOnError(err);
    }
  },
};
