// The node target's server process (started by node-target.mjs, pinned to the servers' CPU):
// a keep-alive node:http server answering 200 "ok", and a second port answering
// `GET /count` with `{"count":N,"active":M,"accepted":A,"peakInFlight":P}`: requests received on
// the load port, client connections open on it and accepted since start, and the most requests
// it held at once (since start or the last `GET /count?reset-peak`). An optional argument delays every
// answer by that many ms (a slow target for the open model). Prints `{"port":P,"countPort":Q}` on
// stdout once both listen.
import http from 'node:http';

const delayMs = Number(process.argv[2] ?? 0);
let count = 0;
let active = 0;
let accepted = 0;
let inFlight = 0;
let peakInFlight = 0;
const answer = (res) => {
  inFlight--;
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  res.end('ok');
};
const server = http.createServer((req, res) => {
  count++;
  if (++inFlight > peakInFlight) peakInFlight = inFlight;
  // The requests carry no body; resume() covers any that do.
  req.resume();
  if (delayMs > 0) setTimeout(answer, delayMs, res);
  else answer(res);
});
server.keepAliveTimeout = 300_000;
server.headersTimeout = 310_000;
server.requestTimeout = 0;
server.maxRequestsPerSocket = 0;
server.on('connection', (socket) => {
  active++;
  accepted++;
  socket.once('close', () => active--);
});

const counter = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ count, active, accepted, peakInFlight }));
  if (req.url.endsWith('?reset-peak')) peakInFlight = inFlight;
});

const listen = (s) =>
  new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s.address().port));
  });
const port = await listen(server);
const countPort = await listen(counter);
process.stdout.write(`${JSON.stringify({ port, countPort })}\n`);
// The parent closes our stdin when it goes away: don't outlive it.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
