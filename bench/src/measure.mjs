// Runs a load generator under GNU time (user + sys CPU, peak RSS) and, where `taskset` exists
// and there are at least two CPUs, pinned to the load generators' CPU (the servers get CPU 0).
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTempDir, removeTempDir, run } from './procs.mjs';

const GNU_TIME = '/usr/bin/time';
const TASKSET_PATHS = ['/usr/bin/taskset', '/bin/taskset'];

export const SERVER_CPU = '0';
const CLIENT_CPU = '1';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const taskset = TASKSET_PATHS.find(executable) ?? null;

/** Whether servers and load generators run on separate, pinned CPUs. */
export const pinned = taskset !== null && os.availableParallelism() >= 2;

const CLK_TCK = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** Busy and steal time of the whole machine so far, in seconds (null without /proc/stat). */
export function machineCpu() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal ...
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return { busyS: (user + nice + system + irq + softirq) / CLK_TCK, stealS: (steal || 0) / CLK_TCK };
  } catch {
    return null;
  }
}

/** user + sys seconds of a process and its direct children (nginx's master and worker), or 0. */
export function processTreeCpuS(pid) {
  const one = (p) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime
    } catch {
      return 0;
    }
  };
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    // no children file
  }
  return one(pid) + children.reduce((a, c) => a + one(c), 0);
}

/**
 * user + sys seconds of `pid` and every live descendant (taskset → time → the tool → anything
 * it re-execs), each read from its own /proc/<pid>/stat; 0 for what is gone. A process's stat
 * sums all its threads (go-heavy's worker threads, wrk's threads); the children of every thread
 * are followed, not only the main thread's.
 */
export function descendantsCpuS(pid, depth = 0) {
  let total = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime
  } catch {
    return 0;
  }
  if (depth >= 8) return total;
  const children = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        children.push(...readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    // gone meanwhile
  }
  for (const c of children) total += descendantsCpuS(c, depth + 1);
  return total;
}

/** How processes are placed, in words. */
export const pinning = pinned ? `servers on CPU ${SERVER_CPU}, load generators on CPU ${CLIENT_CPU} (taskset)` : 'none (no taskset or a single CPU)';

export function hasGnuTime() {
  return executable(GNU_TIME);
}

/** `[command, args]` prefixed with `taskset -c CPU` when pinning; `cpu` null: unpinned (every CPU). */
export function pinnedCommand(cpu, command, args) {
  return pinned && cpu != null ? [taskset, ['-c', cpu, command, ...args]] : [command, args];
}

/**
 * Runs `command args` on the load generators' CPU (`cpu`; null: every CPU) under `/usr/bin/time`. Resolves with
 * `{ code, signal, stdout, stderr, wallMs, cpuUs, userS, sysS, maxRssMB }` (`cpuUs` = user + sys
 * in microseconds; `maxRssMB` in MiB). Without GNU time the CPU and RSS figures are null.
 */
export async function measure(command, args, { timeoutMs, env, cwd, cpu = CLIENT_CPU, onSpawn } = {}) {
  if (!hasGnuTime()) {
    const [cmd, argv] = pinnedCommand(cpu, command, args);
    const res = await run(cmd, argv, { timeoutMs, env, cwd, onSpawn });
    return { ...res, cpuUs: null, userS: null, sysS: null, maxRssMB: null };
  }
  const dir = makeTempDir('time');
  const file = path.join(dir, 'time.txt');
  try {
    // -o keeps time's figures out of the tool's own stderr.
    const [cmd, argv] = pinnedCommand(cpu, GNU_TIME, ['-o', file, '-f', 'GHTIME %U %S %M %e', command, ...args]);
    const res = await run(cmd, argv, { timeoutMs, env, cwd, onSpawn });
    const text = readFileSync(file, 'utf8');
    // time writes "Command exited with non-zero status N" / "Command terminated by signal N" first.
    const m = /^GHTIME ([\d.]+) ([\d.]+) (\d+) ([\d.]+)$/m.exec(text);
    if (!m) throw new Error(`could not read GNU time's output for ${path.basename(command)}: ${JSON.stringify(text)}`);
    const userS = Number(m[1]);
    const sysS = Number(m[2]);
    return {
      ...res,
      userS,
      sysS,
      cpuUs: Math.round((userS + sysS) * 1e6),
      maxRssMB: Number(m[3]) / 1024,
    };
  } finally {
    removeTempDir(dir);
  }
}
