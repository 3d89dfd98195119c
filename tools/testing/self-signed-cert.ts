import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A private key and its self-signed certificate, PEM. */
export interface TestCertificate {
  key: string;
  cert: string;
}

let made: TestCertificate | undefined;

/**
 * A fresh self-signed certificate for `127.0.0.1` (subject and IP SAN), made once per test file
 * with the `openssl` CLI (tools/system/ensure-system-deps.mjs installs it). Shared by the
 * test suites of every package that serves HTTPS: a P-256 key, valid
 * one day. The files live only while openssl writes them.
 */
export function selfSignedCertificate(): TestCertificate {
  if (made !== undefined) return made;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 },
    );
    made = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
