#!/usr/bin/env node
// `go-heavy explore` on a request log of a million lines: writes one (lines shaped like
// `--log-requests` writes them, ~470 bytes each, 2 % of them 503s), then times `--eval` queries
// on it and reads each one's peak RSS (GNU time). Usage:
//   node bench/src/explore-million.mjs <results.json of any run> [lines] [dir]
// The figures go in apps/cli/README.md (`go-heavy explore`).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const results = process.argv[2];
if (!results) throw new Error('usage: node bench/src/explore-million.mjs <results.json> [lines] [dir]');
const lines = Number(process.argv[3] ?? 1_000_000);
const dir = process.argv[4] ?? path.join(os.tmpdir(), 'go-heavy-explore-bench');
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/cli/dist/main.js');
mkdirSync(dir, { recursive: true });
const log = path.join(dir, 'requests.ndjson');

const endpoints = ['/items/1', '/items/2', '/search', '/cart', '/pay'];
const fd = openSync(log, 'w');
let chunk = '';
for (let i = 0; i < lines; i++) {
  const endpoint = endpoints[i % endpoints.length];
  const status = i % 50 === 0 ? 503 : 200;
  chunk += `${JSON.stringify({
    id: `5f1c2a9e-${i}`,
    ts: new Date(1_764_000_000_000 + i).toISOString(),
    workflow: 'shop/buy',
    step: endpoint === '/pay' ? 'pay' : 'browse',
    method: endpoint === '/pay' ? 'POST' : 'GET',
    url: `http://127.0.0.1:8080${endpoint}?i=${i}`,
    requestHeaders: { 'user-agent': 'go-heavy/0.1.0', 'x-request-id': `5f1c2a9e-${i}` },
    requestBody: endpoint === '/pay' ? '{"amount":5}' : null,
    status,
    responseHeaders: { 'content-type': 'application/json', 'content-length': '42' },
    responseBody: JSON.stringify({ id: i % 1000, name: 'pen', price: 10 + (i % 7) }),
    latencyMs: Math.round((1 + ((i * 7919) % 10007) / 100) * 1000) / 1000,
    error: null,
  })}\n`;
  if (chunk.length > 1 << 20) {
    writeSync(fd, chunk);
    chunk = '';
  }
}
writeSync(fd, chunk);
closeSync(fd);

const queries = [
  'log.count({ status: { $gte: 500 } })',
  'log.find({ status: 503 }, { id: 1, latencyMs: 1 }).sort({ latencyMs: -1 }).limit(10)',
  'log.distinct("endpoint")',
  'log.aggregate([{ $match: { status: 503 } }, { $group: { _id: "$endpoint", n: { $sum: 1 } } }])',
];
console.log(`${lines} lines, ${(statSync(log).size / 1e6).toFixed(0)} MB`);
for (const q of queries) {
  const started = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'explore', results, '--requests', log, '--eval', q], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssMb = Number(res.stderr.trim().split('\n').pop()) / 1024;
  console.log(`${seconds.toFixed(1)} s  ${rssMb.toFixed(0)} MB peak RSS  ${q}  → ${res.stdout.trim().slice(0, 80)}`);
}
