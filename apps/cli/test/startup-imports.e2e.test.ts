// What the CLI loads to start: the packages only one command needs (the OpenAPI parser and its
// schemas, mingo, jsondiffpatch, TypeScript, history, Prometheus) are imported by that command's
// handler, so `run` (and the memory a run is measured in) does not pay for them.
import { runCommand, CLI } from './support/cli.js';

/** A module hook that prints every specifier the process imports to stderr, one per line. */
const HOOK = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, next) { process._rawDebug("IMPORT " + s); return next(s, c); }'));
`)}`;

/** Imported only by the command that needs them. */
const LAZY = ['@go-heavy/openapi', '@go-heavy/diff', '@go-heavy/history', '@go-heavy/prometheus', 'mingo', 'jsondiffpatch', 'typescript'];

async function importsOf(args: string[], code = 0): Promise<string[]> {
  const res = await runCommand(process.execPath, ['--import', HOOK, CLI, ...args], { timeoutMs: 30_000 });
  expect(res.code).toBe(code);
  return [...res.stderr.matchAll(/^IMPORT (.+)$/gm)].map((m) => m[1]!);
}

describe('the CLI imports at start-up only what every command needs', () => {
  it('--version imports yargs and the core packages, none of the one-command packages', async () => {
    const imports = await importsOf(['--version']);
    // The hook works: it saw the CLI's own imports.
    expect(imports).toContain('yargs');
    expect(imports).toContain('@go-heavy/core');
    expect(imports.filter((spec) => LAZY.some((lazy) => spec === lazy || spec.startsWith(`${lazy}/`)))).toEqual([]);
  });

  it('a command imports its own package when it runs', async () => {
    // generate loads the OpenAPI parser, then fails on the missing spec (exit 2).
    const imports = await importsOf(['generate', 'openapi', 'no-such-spec.yaml', '--service', 'x'], 2);
    expect(imports).toContain('@go-heavy/openapi');
  });
});
