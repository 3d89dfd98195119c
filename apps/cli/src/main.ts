import { hideBin } from 'yargs/helpers';
import { buildCli } from './cli.js';
import { EXIT } from './exit.js';

// `go-heavy report results.json --full | head`: a reader that stops early is not a crash, and a
// run whose summary nobody reads still writes its results and reports. Any other failure to write
// the terminal output (a full disk behind `> out.txt`) is said once on stderr, the run still
// writes its files, and the exit code says something went wrong.
let outputFailed = false;
for (const [name, stream] of [
  ['standard output', process.stdout],
  ['standard error', process.stderr],
] as const) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || outputFailed) return;
    outputFailed = true;
    if (stream !== process.stderr) process.stderr.write(`go-heavy: cannot write to ${name}: ${err.code ?? err.message}\n`);
  });
}
process.on('exit', (code) => {
  if (outputFailed && code === EXIT.ok) process.exitCode = EXIT.failure;
});

await buildCli(hideBin(process.argv)).parseAsync();
