#!/usr/bin/env node
// `npm test`'s pretest: makes sure the system programs the integration tests drive are installed.
// A missing one is installed with apt when running as root (CI and the dev machines run as root);
// otherwise the command to install it is printed and the script exits 1.
//
// One entry per program. To add one (prometheus-pushgateway, ...), append to DEPS:
//   { name: 'pushgateway', bin: ['prometheus-pushgateway'], packages: ['prometheus-pushgateway'],
//     service: 'prometheus-pushgateway' },
// `bin`: absolute paths or names looked up on PATH (plus the sbin folders), first found wins.
// `packages`: apt packages to try in order, first that installs wins.
// `service`: a system service the package may start on install; the tests run their own
// instances, so it is stopped again (failures tolerated).
//
// With --image (`npm run test:image`'s pretest) it checks IMAGE_DEPS instead: what building and
// running the container image takes, which `npm test` does not need.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

const DEPS = [
  {
    name: 'nginx',
    bin: ['/usr/sbin/nginx', 'nginx'],
    packages: ['nginx-light', 'nginx'],
    service: 'nginx',
    // Debian's package may start nginx on port 80 (unless policy-rc.d forbids it): stop it.
    stop: [['/usr/sbin/nginx', '-s', 'stop']],
  },
  {
    // The HTML report's browser tests drive Debian's Chromium with playwright-core.
    name: 'chromium',
    bin: ['/usr/bin/chromium'],
    packages: ['chromium'],
  },
  {
    // `npm run bench` (and CI's smoke of it) compares go-heavy with wrk.
    name: 'wrk',
    bin: ['/usr/bin/wrk', 'wrk'],
    packages: ['wrk'],
  },
  {
    // @go-heavy/prometheus's tests push to a real Pushgateway they start on a free loopback port.
    // Debian's package may start its own on :9091 (unless policy-rc.d forbids it): stop it.
    name: 'pushgateway',
    bin: ['/usr/bin/prometheus-pushgateway'],
    packages: ['prometheus-pushgateway'],
    service: 'prometheus-pushgateway',
  },
  {
    // The https tests (@go-heavy/http-client, the CLI's --insecure) make a self-signed certificate with it.
    name: 'openssl',
    bin: ['/usr/bin/openssl', 'openssl'],
    packages: ['openssl'],
  },
  {
    // @go-heavy/notifications-redis's tests publish to a real redis-server they start on a free
    // loopback port. Debian's package starts its own on :6379 (unless policy-rc.d forbids it): stop it.
    name: 'redis',
    bin: ['/usr/bin/redis-server', 'redis-server'],
    packages: ['redis-server'],
    service: 'redis-server',
  },
];

const IMAGE_DEPS = [
  {
    // Builds the Dockerfile and runs the image, daemonless; with the vfs driver and chroot
    // isolation it needs none of its recommended packages (fuse-overlayfs, an OCI runtime).
    name: 'buildah',
    bin: ['/usr/bin/buildah', 'buildah'],
    packages: ['buildah'],
  },
];

const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function find(bins) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SBIN];
  for (const bin of bins) {
    if (path.isAbsolute(bin)) {
      if (executable(bin)) return bin;
      continue;
    }
    for (const dir of dirs) {
      const file = path.join(dir, bin);
      if (executable(file)) return file;
    }
  }
  return null;
}

/** Runs a command with its output on stderr (stdout stays one line per dependency). */
function run(command, args, { quiet = false } = {}) {
  const res = spawnSync(command, args, {
    stdio: ['ignore', quiet ? 'ignore' : process.stderr, quiet ? 'ignore' : process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return res.status === 0;
}

// Wait for a dpkg lock held by another apt run instead of failing at once.
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=120'];

function aptInstall(pkg) {
  return run('apt-get', [...LOCK_WAIT, 'install', '-y', '--no-install-recommends', pkg]);
}

/** Tries each package in turn; if none installs, refreshes the package lists once and tries again. */
function install(dep) {
  for (const pkg of dep.packages) if (aptInstall(pkg)) return pkg;
  console.error(`${dep.name}: install failed, running apt-get update and trying again`);
  if (!run('apt-get', [...LOCK_WAIT, 'update'])) return null;
  for (const pkg of dep.packages) if (aptInstall(pkg)) return pkg;
  return null;
}

function stopService(dep) {
  for (const [cmd, ...args] of dep.stop ?? []) if (existsSync(cmd)) run(cmd, args, { quiet: true });
  if (dep.service && find(['service'])) run('service', [dep.service, 'stop'], { quiet: true });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let missing = 0;
for (const dep of process.argv.includes('--image') ? IMAGE_DEPS : DEPS) {
  const found = find(dep.bin);
  if (found) {
    console.log(`${dep.name}: ${found} (present)`);
    continue;
  }
  const command = `sudo apt-get install -y ${dep.packages[0]}`;
  if (!isRoot || !find(['apt-get'])) {
    console.log(`${dep.name}: missing; install it with: ${command}`);
    missing++;
    continue;
  }
  console.error(`${dep.name}: missing, installing ${dep.packages.join(' or ')} with apt-get`);
  const pkg = install(dep);
  stopService(dep);
  const now = pkg && find(dep.bin);
  if (now) {
    console.log(`${dep.name}: ${now} (installed ${pkg})`);
  } else {
    console.log(`${dep.name}: apt-get could not install ${dep.packages.join(' or ')} (its output is above)`);
    missing++;
  }
}
process.exit(missing > 0 ? 1 : 0);
