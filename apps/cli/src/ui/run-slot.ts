import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

/** A run the web UI started: a child process of this same CLI (`go-heavy run … --dashboard`). */
export interface ActiveRun {
  /** `shop` or `shop/browse`. */
  target: string;
  /** The results file's name in the runs folder (`20261130-101500-shop.json`). */
  file: string;
  startedAt: Date;
  /** The CLI arguments after `go-heavy`, as a user would type them (for the page). */
  args: string[];
  /** The run's dashboard (`http://127.0.0.1:PORT`), once the child has said where it listens. */
  dashboardUrl?: string;
  /** How the child ended: its exit code (0, 1, 2, 99, 130) or the signal that ended it. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  /** Whether a stop was asked from the UI. */
  stopping: boolean;
  /** The child's stdout and stderr, interleaved, the last {@link OUTPUT_LIMIT} characters. */
  output: string;
}

/** The phase of a run, as the pages show it. */
export type RunPhase = 'starting' | 'running' | 'finished';

export function phaseOf(run: ActiveRun): RunPhase {
  return run.exit ? 'finished' : run.dashboardUrl ? 'running' : 'starting';
}

/** Thrown by {@link RunSlot.start} while another run goes. */
export class RunBusyError extends Error {
  constructor(readonly run: ActiveRun) {
    super(`a run is already going (${run.target}, started ${run.startedAt.toISOString()}): stop it or wait for its end before starting another`);
  }
}

const OUTPUT_LIMIT = 64 * 1024;
/** How long {@link RunSlot.close} lets a run stop gracefully before it is killed. */
const CLOSE_GRACE_MS = 10_000;
const DASHBOARD_LINE = /go-heavy: dashboard: (http:\/\/127\.0\.0\.1:\d+)\n/;

/** Options of {@link RunSlot}. */
export interface RunSlotOptions {
  /** The CLI's entry script (`dist/main.js`), run with this Node. */
  cli: string;
  /** The project root: `--root` of every run. */
  root: string;
  /** Where results files go (created on the first run). */
  runsDir: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The web UI's one run at a time. A run is `go-heavy run <target> --root ROOT --out
 * RUNS/<file> --dashboard --quiet <flags>` in a child process of this same CLI: the same engine,
 * results, exports and history entry as from a terminal, and a workflow that crashes or hangs
 * takes down its own process, not the UI. The UI follows the run through the child's dashboard.
 */
export class RunSlot {
  private run: ActiveRun | null = null;
  private child: ChildProcess | null = null;
  private ended: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunSlotOptions) {}

  /** The latest run the UI started (going or finished), if any. */
  get current(): ActiveRun | null {
    return this.run;
  }

  /** Whether a run is going (started and not yet exited). */
  get busy(): boolean {
    return this.run !== null && this.run.exit === undefined;
  }

  /** Starts a run; throws {@link RunBusyError} while one goes. */
  async start(target: string, flags: readonly string[]): Promise<ActiveRun> {
    if (this.busy) throw new RunBusyError(this.run!);
    const startedAt = new Date();
    const file = this.freeName(startedAt, target);
    const args = ['run', target, '--root', this.options.root, '--out', path.join(this.options.runsDir, file), '--dashboard', '--quiet', ...flags];
    // Taken before the first await, so a second start arriving meanwhile is refused.
    const run: ActiveRun = { target, file, startedAt, args, stopping: false, output: '' };
    this.run = run;
    await mkdir(this.options.runsDir, { recursive: true });
    const child = spawn(process.execPath, [this.options.cli, ...args], { env: this.options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const take = (chunk: Buffer): void => {
      run.output = (run.output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
      run.dashboardUrl ??= DASHBOARD_LINE.exec(run.output)?.[1];
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    this.ended = new Promise<void>((resolve) => {
      child.on('error', (err) => {
        run.output += `\ngo-heavy ui: cannot start the run: ${err.message}\n`;
        run.exit ??= { code: null, signal: null };
        resolve();
      });
      child.on('close', (code, signal) => {
        run.exit ??= { code, signal };
        this.child = null;
        resolve();
      });
    });
    return run;
  }

  /**
   * Asks the going run to stop as Ctrl-C does (no new iterations, the graceful stop, then the
   * summary, results and history): through its dashboard's stop, or with SIGINT before the
   * dashboard listens. False when no run goes.
   */
  async stop(): Promise<boolean> {
    const run = this.run;
    if (!run || run.exit) return false;
    run.stopping = true;
    if (run.dashboardUrl && (await postStop(run.dashboardUrl))) return true;
    this.child?.kill('SIGINT');
    return true;
  }

  /** Resolves once the run (if any) has exited. */
  whenEnded(): Promise<void> {
    return this.ended;
  }

  /** Stops a going run and waits for its end; kills it after {@link CLOSE_GRACE_MS}. */
  async close(): Promise<void> {
    if (!this.busy) return;
    const child = this.child;
    child?.kill('SIGINT');
    const timer = setTimeout(() => child?.kill('SIGKILL'), CLOSE_GRACE_MS);
    await this.ended;
    clearTimeout(timer);
  }

  /** `20261130-101500-shop_browse.json`, with `-2`, `-3`… when that name is taken. */
  private freeName(at: Date, target: string): string {
    const stamp = at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const base = `${stamp}-${target.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    for (let n = 1; n < 1000; n++) {
      const name = `${base}${n === 1 ? '' : `-${n}`}.json`;
      if (!existsSync(path.join(this.options.runsDir, name))) return name;
    }
    return `${base}-${process.pid}-${Date.now()}.json`;
  }
}

/** POSTs the dashboard's stop; true when it took it (202) or the run had already ended (409). */
function postStop(dashboardUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request(`${dashboardUrl}/stop`, { method: 'POST', agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 202 || res.statusCode === 409);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
