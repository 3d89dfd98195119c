import path from 'node:path';
import type { CommandModule } from 'yargs';
import { ConfigError, listServices } from '@go-heavy/config';
import { EXIT, exitOnError } from '../exit.js';
import { parsePort } from '../parse-port.js';
import { cannotListen, serveUntilInterrupted } from '../web/http-server.js';

export interface UiArgs {
  root: string;
  port: string;
  host: string;
  results?: string;
}

/**
 * `go-heavy ui [--root DIR] [--port N] [--host 127.0.0.1]`: the web UI of a project: its
 * services, a form to start a run and its live dashboard, the reports, each service's history
 * and the diff of two runs, until Ctrl-C (exit code 0; a going run is stopped first).
 */
export const uiCommand: CommandModule<object, UiArgs> = {
  command: 'ui',
  describe: 'Web UI of the project: services, start and stop runs with a live dashboard, reports, history, diff',
  builder: (y) =>
    y
      .option('root', { type: 'string', default: '.', describe: 'Folder holding services/' })
      .option('results', {
        type: 'string',
        describe: 'Folder of results files (run --out) the UI lists and its runs write to, inside the root (default <root>/.go-heavy/ui-runs)',
      })
      .option('port', { type: 'string', default: '0', describe: 'TCP port; 0 takes a free one' })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'Address to listen on; anything but the loopback lets other machines read the results and start runs',
      }) as never,
  handler: async (args) => {
    try {
      const root = path.resolve(args.root);
      const port = parsePort('--port', args.port);
      const host = args.host.trim();
      if (host === '') throw new ConfigError('--host: expected an address to listen on such as 127.0.0.1, got ""');
      // A root without services/ is a usage error now, not an empty page later.
      await listServices(root).catch((err: unknown) => {
        throw err instanceof ConfigError ? new ConfigError(`--root: ${err.message}`) : err;
      });
      // Loaded when used: the UI's server stays out of every other command.
      const runsDir = resultsFolder(root, args.results);
      const { startUiServer } = await import('../ui/ui-server.js');
      const server = await startUiServer({ root, port, host, cli: process.argv[1]!, runsDir }).catch((err: NodeJS.ErrnoException) => {
        throw cannotListen(host, port, err);
      });
      if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
        process.stderr.write(`go-heavy: listening on ${host}: anyone who can reach this machine can read the results and start or stop runs\n`);
      }
      process.stdout.write(`go-heavy: web UI of ${path.relative(process.cwd(), root) || '.'} at ${server.url} (Ctrl-C to stop)\n`);
      // The first Ctrl-C stops a going run gracefully, closes the server and exits 0; a second exits at once.
      await serveUntilInterrupted(server);
      process.exitCode = EXIT.ok;
    } catch (err) {
      exitOnError(err);
    }
  },
};

/**
 * `--results DIR`, relative to the root: the UI writes nothing outside the root, so a folder
 * outside it is refused. Undefined: the UI's own folder.
 */
function resultsFolder(root: string, results: string | undefined): string | undefined {
  if (results === undefined) return undefined;
  if (results.trim() === '') throw new ConfigError('--results: expected a folder of results files inside the root, like results, got ""');
  const dir = path.resolve(root, results);
  const inside = path.relative(root, dir);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    throw new ConfigError(`--results: expected a folder inside the root (${root}), got "${results}": the UI writes nothing outside it`);
  }
  return dir;
}
