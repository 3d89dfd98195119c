import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { selfSignedCertificate } from '../../../../tools/testing/self-signed-cert.js';

/** An HTTPS server on 127.0.0.1 with a self-signed certificate, and what it saw. */
export interface TlsTarget {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** The certificate's PEM file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
  /** Requests that got through the handshake, by path. */
  byPath: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Starts an HTTPS server whose certificate (for `127.0.0.1`, self-signed, its PEM in a
 * temporary folder) no client trusts by default: `/fast` answers `ok`, `/json` a
 * small JSON document, `/big` 1 MiB of text.
 */
export async function startTlsTarget(): Promise<TlsTarget> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-tls-target-'));
  const certFile = path.join(dir, 'cert.pem');
  const { key, cert } = selfSignedCertificate();
  writeFileSync(certFile, cert);
  const byPath = new Map<string, number>();
  const big = 'x'.repeat(1024 * 1024);
  const server = https.createServer({ key, cert }, (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    byPath.set(pathname, (byPath.get(pathname) ?? 0) + 1);
    if (pathname === '/fast') return void res.end('ok');
    if (pathname === '/json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (pathname === '/big') return void res.end(big);
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    certFile,
    byPath,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
