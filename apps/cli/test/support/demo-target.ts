import { spawn } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');

/** What the demo shop counted, as it prints on SIGTERM. */
export interface DemoStats {
  requests: number;
  byRoute: Record<string, number>;
  /** Payment settlements called back (POST /payments): answered 2xx, or failed. */
  callbacks: { sent: number; failed: number };
}

/** The demo shop in its own process, as a user starts it; its counters come back on SIGTERM. */
export function startDemoTarget(): Promise<{ url: string; stop(): Promise<DemoStats> }> {
  const child = spawn(process.execPath, [path.join(REPO, 'tools/demo-target/src/main.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo target did not start: ${out}`)), 10_000);
    child.stdout!.on('data', () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        stop: () =>
          new Promise((done) => {
            child.on('close', () => done(JSON.parse(out.slice(out.indexOf('{'))) as DemoStats));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
