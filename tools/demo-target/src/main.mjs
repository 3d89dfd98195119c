#!/usr/bin/env node
// Starts the demo shop for manual runs:
//   node tools/demo-target/src/main.mjs [--port 8080] [--host 127.0.0.1] [--seed 42] [--error-rate 0.03]
// Ctrl-C stops it and prints what it counted.
import { parseArgs } from 'node:util';
import { startDemoTarget } from './server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    'error-rate': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('usage: main.mjs [--port 8080] [--host 127.0.0.1] [--seed 42] [--error-rate 0.03]');
  process.exit(0);
}

const target = await startDemoTarget({
  port: Number(values.port),
  host: values.host,
  ...(values.seed !== undefined && { seed: Number(values.seed) }),
  ...(values['error-rate'] !== undefined && { errorRate: Number(values['error-rate']) }),
});
console.log(`demo target listening on ${target.url}`);

const stop = async () => {
  await target.close();
  console.log(JSON.stringify(target.stats(), null, 2));
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
