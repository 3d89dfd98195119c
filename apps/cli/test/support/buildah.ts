import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand, type CliResult } from './cli.js';

/**
 * buildah with a store of its own under a temporary folder, so that what a test builds never
 * mixes with the machine's images and goes away with `dispose()`. Root only: the `vfs` driver
 * (plain copies, no overlay or fuse needed) and `chroot` isolation (no user namespace, no OCI
 * runtime), which also shares the host's network, so a build reaches the npm registry and a
 * container reaches a server the test started on 127.0.0.1.
 */
export interface Buildah {
  /** Runs `buildah <args>` on this store; never throws, the caller checks `code`. */
  run(args: string[], timeoutMs?: number): Promise<CliResult>;
  /** Runs it and returns its stdout trimmed; throws with buildah's stderr when it fails. */
  ok(args: string[], timeoutMs?: number): Promise<string>;
  /** Removes every container and image of the store, then the store. */
  dispose(): Promise<void>;
}

export function createBuildah(): Buildah {
  const dir = mkdtempSync(path.join(tmpdir(), 'go-heavy-buildah-'));
  const common = ['--root', path.join(dir, 'root'), '--runroot', path.join(dir, 'runroot'), '--storage-driver', 'vfs'];
  const run = (args: string[], timeoutMs = 120_000) => runCommand('buildah', [...common, ...args], { timeoutMs, env: { BUILDAH_ISOLATION: 'chroot' } });
  const ok = async (args: string[], timeoutMs?: number) => {
    const res = await run(args, timeoutMs);
    if (res.code !== 0) throw new Error(`buildah ${args.join(' ')} exited with ${res.code ?? res.signal}:\n${res.stderr.slice(-4000)}`);
    return res.stdout.trim();
  };
  return {
    run,
    ok,
    async dispose() {
      await run(['rm', '--all']);
      await run(['rmi', '--all', '--force']);
      // chroot isolation mounts /proc, /dev… in a mount namespace of its own; were one ever left
      // on the host under the store, removing the store would reach into it: refuse instead.
      const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
        .split('\n')
        .filter((line) => line.includes(` ${dir}/`));
      if (mounts.length > 0) throw new Error(`buildah store ${dir} still has mounts, not removed:\n${mounts.join('\n')}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The image's configuration as a container runtime reads it. */
export interface ImageConfig {
  User?: string;
  WorkingDir?: string;
  Entrypoint?: string[];
  Cmd?: string[];
  Env?: string[];
  Volumes?: Record<string, object>;
}

export async function imageConfig(buildah: Buildah, image: string): Promise<ImageConfig> {
  const inspected = JSON.parse(await buildah.ok(['inspect', '--type', 'image', image])) as { OCIv1: { config: ImageConfig } };
  return inspected.OCIv1.config;
}

/** The image's size as `buildah images` reports it (the sum of its layers, uncompressed). */
export async function imageSize(buildah: Buildah, image: string): Promise<string> {
  return buildah.ok(['images', '--format', '{{.Size}}', image]);
}

export interface RunImageOptions {
  /** host folder -> container path */
  volumes?: Record<string, string>;
  env?: Record<string, string>;
  /** `uid:gid`, as `docker run --user`; the image's USER otherwise. */
  user?: string;
  timeoutMs?: number;
}

/**
 * Runs the image as `docker run --rm IMAGE ARGS…` would: its entrypoint with the arguments given
 * (`buildah run` takes a command, not the image's entrypoint, so it is read from the image), as
 * the image's user in its working folder, then removes the container.
 */
export async function runImage(buildah: Buildah, image: string, args: string[], options: RunImageOptions = {}): Promise<CliResult> {
  const config = await imageConfig(buildah, image);
  const container = await buildah.ok(['from', '--pull=never', image]);
  try {
    const flags = [
      ...Object.entries(options.volumes ?? {}).flatMap(([host, inside]) => ['--volume', `${host}:${inside}`]),
      ...Object.entries(options.env ?? {}).flatMap(([name, value]) => ['--env', `${name}=${value}`]),
      ...(options.user ? ['--user', options.user] : []),
    ];
    return await buildah.run(['run', '--isolation', 'chroot', ...flags, container, '--', ...(config.Entrypoint ?? []), ...args], options.timeoutMs ?? 120_000);
  } finally {
    await buildah.run(['rm', container]);
  }
}

/** What a go-heavy process in a container wrote to stderr, without buildah's own closing lines. */
export function containerStderr(res: CliResult): string {
  return res.stderr
    .split('\n')
    .filter((line) => !/^(subprocess exited with status \d+|Error: exit status \d+)$/.test(line))
    .join('\n');
}

/** The programs the Dockerfile's RUN lines, npm's scripts and the k8s init container (`cp`) call. */
const TOOLS = ['sh', 'env', 'mkdir', 'ln', 'rm', 'chown', 'cp', 'cat', 'ls', 'id'];
/** Debian packages copied whole: the C and C++ runtimes, as in node:20-bookworm-slim (nx's and swc's native modules need more of glibc than Node itself does). */
const RUNTIME_PACKAGES = ['libc6', 'libgcc-s1', 'libstdc++6'];

/**
 * Builds a stand-in for `node:20-bookworm-slim` from this machine's Node, for builds that cannot
 * pull from Docker Hub: Node and npm in /usr/local as in the official image, a shell and the few
 * tools the Dockerfile's RUN lines use, the C runtimes, the user `node` (uid 1000). Debian only
 * (the runtimes are listed with dpkg). When this machine trusts an extra CA for HTTPS (a proxy
 * that re-signs the npm registry's certificate), the image trusts it too.
 */
export async function buildNodeBase(buildah: Buildah, tag: string): Promise<void> {
  const container = await buildah.ok(['from', 'scratch']);
  try {
    const root = await buildah.ok(['mount', container]);
    layOutNodeRootfs(root);
    await buildah.ok(['umount', container]);
    const ca = process.env.NODE_EXTRA_CA_CERTS;
    const env = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...(ca && existsSync(ca) ? [`NODE_EXTRA_CA_CERTS=${ca}`] : [])];
    await buildah.ok(['config', ...env.flatMap((e) => ['--env', e]), '--cmd', 'node', container]);
    await buildah.ok(['commit', '--quiet', container, tag]);
  } finally {
    await buildah.run(['rm', container]);
  }
}

function layOutNodeRootfs(root: string): void {
  const at = (p: string) => path.join(root, p);
  // Debian's merged /usr: /bin, /lib… are links into /usr, so host paths of either form land right.
  for (const dir of ['usr/bin', 'usr/sbin', 'usr/lib', 'usr/lib64', 'usr/local/bin', 'usr/local/lib/node_modules', 'etc', 'root', 'home/node', 'proc', 'dev', 'sys'])
    mkdirSync(at(dir), { recursive: true });
  for (const dir of ['bin', 'sbin', 'lib', 'lib64']) symlinkSync(`usr/${dir}`, at(dir));
  for (const dir of ['tmp', 'var/tmp']) {
    mkdirSync(at(dir), { recursive: true });
    chmodSync(at(dir), 0o1777);
  }

  const node = realpathSync(process.execPath);
  const npm = path.resolve(path.dirname(node), '../lib/node_modules/npm');
  if (!existsSync(path.join(npm, 'bin/npm-cli.js'))) throw new Error(`npm not found beside ${node} (looked in ${npm})`);
  const tools = TOOLS.map((name) => {
    const found = ['/usr/bin', '/bin'].map((dir) => path.join(dir, name)).find((file) => existsSync(file));
    if (!found) throw new Error(`${name} not found in /usr/bin or /bin`);
    return found;
  });
  const files = new Set<string>(tools);
  for (const bin of [node, ...tools]) for (const lib of sharedLibraries(bin)) files.add(lib);
  for (const pkg of RUNTIME_PACKAGES) for (const file of packageFiles(pkg)) files.add(file);
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  // npm's own npmrc (copied with it) may name the system bundle as its cafile.
  for (const bundle of [ca, '/etc/ssl/certs/ca-certificates.crt']) if (bundle && existsSync(bundle)) files.add(bundle);
  for (const file of files) {
    mkdirSync(path.dirname(at(file)), { recursive: true });
    copyFileSync(file, at(file));
  }

  copyFileSync(node, at('usr/local/bin/node'));
  execFileSync('cp', ['-a', npm, at('usr/local/lib/node_modules/')]);
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', at('usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', at('usr/local/bin/npx'));

  writeFileSync(at('etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n');
  writeFileSync(at('etc/group'), 'root:x:0:\nnode:x:1000:\n');
  writeFileSync(at('etc/nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files dns\n');
  chownSync(at('home/node'), 1000, 1000);
}

/** The shared libraries a program loads, as ldd lists them (absolute paths, the loader included). */
function sharedLibraries(file: string): string[] {
  const out = execFileSync('ldd', [file], { encoding: 'utf8' });
  return [...out.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]!);
}

/** The regular files a Debian package installed, its documentation left out. */
function packageFiles(pkg: string): string[] {
  const listed = execFileSync('dpkg-query', ['-L', pkg], { encoding: 'utf8' }).split('\n');
  return listed.filter((file) => file.startsWith('/') && !file.startsWith('/usr/share/') && isFile(file));
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
