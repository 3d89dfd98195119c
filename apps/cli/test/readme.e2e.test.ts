// The README is a test: every command of its ```sh blocks (and examples/README.md's) runs as
// written, one after another, from the root of a fresh copy of the repository, and exits 0.
// Synopses with placeholders belong in ```text blocks, which are not run.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from './support/cli.js';

const REPO = path.resolve(__dirname, '../../..');
const DOCS = ['README.md', 'examples/README.md'];

/**
 * Commands not run, each with why: `npm ci` reinstalls the whole workspace (minutes, and this
 * suite only runs after it anyway); `npm test` would run this suite inside itself; `npm run
 * bench` takes minutes to measure throughput. Keep this list short.
 */
const NOT_RUN = new Set(['npm ci', 'npm test', 'npm run bench']);
/** Never run, whatever the line around them: they would reinstall or test the real workspace through the copy's links. */
const NEVER = /\bnpm\s+(ci|install|i|test|t|run\s+bench)\b/;
/** One command may take this long (`npm run demo` loads for 10 s); then it is killed and fails. */
const COMMAND_TIMEOUT_MS = 90_000;
/** The port the demo shop listens on by default, and the examples' env.default files name. */
const DEMO_PORT = 8080;

/** The commands of a Markdown file's ```sh blocks, in order: continuation lines joined, comments and blank lines left out. */
function shCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    const text = block[1]!.replace(/\\\n\s*/g, ' ');
    for (const line of text.split('\n')) {
      const command = line.trim();
      if (command !== '' && !command.startsWith('#')) commands.push(command);
    }
  }
  return commands;
}

/** The command without its trailing comment, to compare with {@link NOT_RUN}. */
const bare = (command: string) => command.replace(/\s+#.*$/, '').trim();

const COMMANDS = DOCS.flatMap((doc) => shCommands(readFileSync(path.join(REPO, doc), 'utf8')).map((command) => ({ doc, command })));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A copy of the repository as a fresh clone has it after `npm ci`: the files git knows, plus
 * links to the installed node_modules and the built dist folders (which npm ci's build makes).
 */
function freshCopy(): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-readme-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(path.join(REPO, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(REPO, file), path.join(copy, file), { dereference: false });
  }
  const workspaces = ['.', ...['packages', 'apps', 'tools'].flatMap((dir) => readdirSync(path.join(REPO, dir)).map((name) => path.join(dir, name))), 'bench'];
  for (const ws of workspaces) {
    for (const built of ['node_modules', 'dist']) {
      const from = path.join(REPO, ws, built);
      if (existsSync(from) && existsSync(path.join(copy, ws))) symlinkSync(from, path.join(copy, ws, built));
    }
  }
  return copy;
}

type Outcome = Awaited<ReturnType<typeof runCommand>>;

describe('every command the READMEs show runs as written from a fresh copy of the repository', () => {
  const outcomes = new Map<string, Outcome>();
  const copies: Array<{ dir: string; env: Record<string, string> }> = [];

  beforeAll(async () => {
    // Each document in its own copy with its own demo shop, the documents side by side: their
    // commands mostly wait on load durations. The shop listens on a free port rather than 8080,
    // which this machine may be using: the same commands, pointed there through the variables
    // the READMEs name.
    await Promise.all(
      DOCS.map(async (doc) => {
        const port = await freePort();
        // npm_config_yes=false: should the bin be missing, npx fails instead of fetching a package.
        const copy = { dir: freshCopy(), env: { PORT: String(port), BASE_URL: `http://127.0.0.1:${port}`, npm_config_yes: 'false' } };
        copies.push(copy);
        for (const { command } of COMMANDS.filter((c) => c.doc === doc && !NOT_RUN.has(bare(c.command)))) {
          if (NEVER.test(command)) {
            outcomes.set(`${doc}: ${command}`, { code: null, signal: null, stdout: '', stderr: 'not run: npm ci, npm test and npm run bench go on a line of their own' });
            continue;
          }
          outcomes.set(`${doc}: ${command}`, await runCommand('sh', ['-c', command], { cwd: copy.dir, env: copy.env, timeoutMs: COMMAND_TIMEOUT_MS }));
        }
      }),
    );
  }, 4 * COMMAND_TIMEOUT_MS);
  afterAll(async () => {
    for (const copy of copies) {
      // Whatever happened, no demo shop is left running.
      if (existsSync(path.join(copy.dir, '.go-heavy/demo-target.pid'))) await runCommand('npm', ['run', '-s', 'demo:stop'], { cwd: copy.dir, env: copy.env, timeoutMs: 30_000 });
      rmSync(copy.dir, { recursive: true, force: true });
    }
  });

  it('finds the commands, and skips only the few listed with their reason', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(10);
    expect(
      COMMANDS.filter(({ command }) => NOT_RUN.has(bare(command)))
        .map(({ command }) => bare(command))
        .sort(),
    ).toEqual(['npm ci', 'npm test']);
    // No placeholder may hide in a block that is run.
    for (const { command } of COMMANDS) expect(command).not.toMatch(/<[a-z-]+>|\[--/);
  });

  it('the examples point at the port the demo shop listens on by default', () => {
    for (const service of ['shop', 'catalog']) {
      const envFile = readFileSync(path.join(REPO, 'examples/services', service, 'env.default'), 'utf8');
      expect(/^BASE_URL=(.*)$/m.exec(envFile)?.[1]).toBe(`http://127.0.0.1:${DEMO_PORT}`);
    }
    expect(readFileSync(path.join(REPO, 'tools/demo-target/src/main.mjs'), 'utf8')).toContain(`process.env.PORT ?? '${DEMO_PORT}'`);
  });

  it.each(COMMANDS.filter(({ command }) => !NOT_RUN.has(bare(command))).map(({ doc, command }) => `${doc}: ${command}`))('%s', (key) => {
    const res = outcomes.get(key);
    if (res?.code !== 0) throw new Error(`\`${key}\` exited ${res?.code ?? res?.signal}\n${res?.stderr.slice(-2000)}\n${res?.stdout.slice(-1000)}`);
    expect(res.code).toBe(0);
  });
});
