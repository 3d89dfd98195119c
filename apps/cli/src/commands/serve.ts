import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { ConfigError } from '@go-heavy/config';
import { EXIT, exitOnError } from '../exit.js';
import { parsePort } from '../parse-port.js';
import { cannotListen, serveUntilInterrupted } from '../web/http-server.js';
import { startResultsServer } from '../results-server.js';

export interface ServeArgs {
  'results-dir': string;
  port: string;
  host: string;
}

/**
 * `go-heavy serve <results-dir> [--port N] [--host 127.0.0.1]`: browses the results files of a
 * folder and their HTML reports in a browser, until Ctrl-C (exit code 0).
 */
export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve <results-dir>',
  describe: 'Browse the results files of a folder and their HTML reports on a local web page',
  builder: (y) =>
    y
      .positional('results-dir', { type: 'string', demandOption: true, describe: 'A folder of results files (go-heavy run --out DIR/NAME.json)' })
      .option('port', { type: 'string', default: '0', describe: 'TCP port; 0 takes a free one' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on; anything but the loopback lets other machines read the results' }) as never,
  handler: async (args) => {
    try {
      const cwd = process.cwd();
      const dir = path.resolve(args['results-dir']);
      const display = path.relative(cwd, dir) || '.';
      const port = parsePort('--port', args.port);
      const host = args.host.trim();
      if (host === '') throw new ConfigError('--host: expected an address to listen on such as 127.0.0.1, got ""');
      await checkFolder(dir, display);
      const server = await startResultsServer({ dir, port, host }).catch((err: NodeJS.ErrnoException) => {
        throw cannotListen(host, port, err);
      });
      if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
        process.stderr.write(`go-heavy: listening on ${host}: anyone who can reach this machine can read these results\n`);
      }
      process.stdout.write(`go-heavy: serving the results in ${display} at ${server.url} (Ctrl-C to stop)\n`);
      // The first Ctrl-C (or SIGTERM) closes the server and exits 0; a second one while it closes exits at once.
      await serveUntilInterrupted(server);
      process.exitCode = EXIT.ok;
    } catch (err) {
      exitOnError(err);
    }
  },
};

async function checkFolder(dir: string, display: string): Promise<void> {
  const info = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new ConfigError(`${display}: no such folder: expected the folder holding results files written by \`go-heavy run --out\``);
    throw new ConfigError(`${display}: cannot be read: ${err.message}`);
  });
  if (!info.isDirectory()) {
    throw new ConfigError(`${display}: not a folder: expected the folder holding results files (to read one file, use \`go-heavy report ${display}\`)`);
  }
}
