import { hideBin } from 'yargs/helpers';
import { buildCli } from './cli.js';

// `go-heavy report results.json --full | head`: a reader that stops early is not a crash, and a
// run whose summary nobody reads still writes its results and reports.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

await buildCli(hideBin(process.argv)).parseAsync();
