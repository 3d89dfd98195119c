import { accessSync, constants } from 'node:fs';
import { runCli, runCommand, CLI } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startTarget } from './support/target.js';

const PING = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.http.get('/slow'); } });
`;

/** util-linux `script` gives the CLI a real terminal (a pty) of a chosen width. */
function scriptBinary(): string | undefined {
  for (const file of ['/usr/bin/script', '/bin/script']) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  return undefined;
}
const SCRIPT = scriptBinary();
// util-linux's `script` gives the CLI a terminal; it is part of every Debian system, so its
// absence is a broken machine, reported by the test rather than skipped.
const withTerminal = it;

const ERASE = '\r\u001b[2K';
const SGR = /\u001b\[[0-9;]*m/; // eslint-disable-line no-control-regex -- matches ANSI escape sequences on purpose
const stripSgr = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex -- matches ANSI escape sequences on purpose

describe('live progress of go-heavy run (end to end, real server)', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({ 'services/api/ping.ts': PING });
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });

  it('stderr not a terminal: one plain line per second, no escape sequences, even with FORCE_COLOR', async () => {
    const res = await runCli(['run', 'api', '--root', project.root, '--users', '2', '--duration', '2s', '--warmup', '0s'], {
      env: { BASE_URL: target.url, NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(res.code).toBe(0);
    expect(res.stderr).not.toMatch(/[\u001b\r]/); // eslint-disable-line no-control-regex -- matches ANSI escape sequences on purpose
    const lines = res.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^\[ *\d+s\] ✔ \d+ ✘ 0 \(\d+\/s\) p50: \S+ p99: \S+ max: \S+ users: \d+ dropped: 0$/);
  });

  withTerminal('a terminal: a bar redrawn in place, never wider than the terminal, erased before the summary', async () => {
    const command = `stty cols 60 rows 40; exec "${process.execPath}" "${CLI}" run api --root "${project.root}" --users 2 --duration 3s --warmup 0s`;
    const res = await runCommand(SCRIPT!, ['-qfec', command, '/dev/null'], { env: { BASE_URL: target.url, NO_COLOR: '1' } });
    expect(res.code).toBe(0);
    // The pty merges stderr (the bar) and stdout (the summary), in the order they were written.
    const output = res.stdout;
    const summaryAt = output.indexOf('go-heavy summary');
    expect(summaryAt).toBeGreaterThan(0);
    const frames = output
      .slice(0, summaryAt)
      .split(ERASE)
      .filter((f) => f !== '');
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const frame of frames) {
      expect(frame).not.toMatch(/[\r\n]/);
      // NO_COLOR: no colour, only the erase sequences.
      expect(frame).not.toMatch(SGR);
      expect([...frame].length).toBeLessThanOrEqual(59);
      expect(frame).toMatch(/^[█░]{10,40} +\d+% \d+s \/ 3s {2}✔ \d+ ✘ 0/);
    }
    // The summary starts on a clean line: the last thing before it is the erase of the bar.
    expect(output.slice(0, summaryAt).endsWith(ERASE)).toBe(true);
  });

  withTerminal('a terminal without NO_COLOR: the bar is coloured', async () => {
    const command = `stty cols 120; exec "${process.execPath}" "${CLI}" run api --root "${project.root}" --users 1 --duration 2s --warmup 0s`;
    const res = await runCommand(SCRIPT!, ['-qfec', command, '/dev/null'], { env: { BASE_URL: target.url, NO_COLOR: '' } });
    expect(res.code).toBe(0);
    const frames = res.stdout
      .slice(0, res.stdout.indexOf('go-heavy summary'))
      .split(ERASE)
      .filter((f) => f !== '');
    expect(frames.length).toBeGreaterThanOrEqual(1);
    expect(frames[0]).toMatch(SGR);
    expect(stripSgr(frames[0]!)).toMatch(/^[█░]{10,40} +\d+% \d+s \/ 2s/);
  });
});
