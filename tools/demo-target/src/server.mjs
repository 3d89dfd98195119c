// A small shop API to point go-heavy at: the examples load it and the end-to-end tests compare
// what it counted with what go-heavy reported. node:http only, no dependencies.
//
// Every request is counted once, on arrival (the server's 'request' event), before its body is
// read or any delay starts, so a request the load tool sent and then abandoned is still counted.
import http from 'node:http';

/** Route keys, also the keys of `stats().byRoute`. Anything unmatched counts as `unmatched`. */
const ROUTES = Object.freeze([
  'POST /login',
  'GET /products',
  'GET /products/:id',
  'GET /p/:id',
  'POST /cart',
  'POST /cart/:id/items',
  'DELETE /cart/:id',
  'POST /checkout',
  'GET /search',
  'POST /payments',
  'GET /health',
  'GET /',
  'unmatched',
]);

const PASSWORD = 'secret';
const PRODUCT_COUNT = 20;
const DEFAULT_SEED = 42;
const DEFAULT_ERROR_RATE = 0.03;

const MAX_BODY_BYTES = 1024 * 1024;

const CATEGORIES = ['kitchen', 'garden', 'office', 'lighting'];
const NAMES = [
  'Enamel Mug',
  'Chef Knife',
  'Cast Iron Pan',
  'Tea Kettle',
  'Cutting Board',
  'Garden Hose',
  'Pruning Shears',
  'Watering Can',
  'Seed Tray',
  'Trowel',
  'Desk Lamp',
  'Notebook',
  'Fountain Pen',
  'Office Chair',
  'Monitor Stand',
  'Floor Lamp',
  'String Lights',
  'Lamp Shade',
  'Candle Holder',
  'Night Light',
];
const PRODUCTS = Object.freeze(
  NAMES.map((name, i) =>
    Object.freeze({
      id: i + 1,
      name,
      category: CATEGORIES[Math.floor(i / 5)],
      price: Math.round((4.5 + ((i * 7919) % 97)) * 100) / 100,
    }),
  ),
);

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: signs tokens so they need no server-side storage. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function emptyCounts(keys) {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

/**
 * Starts the demo shop.
 * @param {{ port?: number, host?: string, seed?: number, errorRate?: number }} [options]
 *   `seed` drives the checkout failures and the delays (default 42); `errorRate` is the share of
 *   POST /checkout calls answered 500 (default 0.03).
 * @returns {Promise<{ url: string, port: number, host: string,
 *   stats(): { requests: number, byRoute: Record<string, number>, byStatus: Record<string, number>,
 *     callbacks: { sent: number, failed: number } },
 *   resetStats(): void, close(): Promise<void> }>}
 */
export function startDemoTarget({ port = 0, host = '127.0.0.1', seed = DEFAULT_SEED, errorRate = DEFAULT_ERROR_RATE } = {}) {
  if (!Number.isInteger(seed)) throw new TypeError(`startDemoTarget: seed must be an integer, got ${seed}`);
  if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1)) {
    throw new TypeError(`startDemoTarget: errorRate must be a number in [0, 1], got ${errorRate}`);
  }

  // Two streams so that the n-th checkout's outcome does not depend on how many delays were drawn.
  const checkoutRandom = mulberry32(seed);
  const delayRandom = mulberry32(seed ^ 0x9e3779b9);
  // A third stream for the payments' settlement delays, so adding payments changes no other draw.
  const settleRandom = mulberry32(seed ^ 0x85ebca6b);
  const between = (min, max) => min + Math.floor(delayRandom() * (max - min + 1));

  const tokenSecret = `demo-target:${seed}`;
  let tokens = 0;
  let carts = 0;
  let orders = 0;
  const issueToken = () => {
    const n = ++tokens;
    return `demo-${n}-${fnv1a(`${tokenSecret}:${n}`)}`;
  };
  const validToken = (req) => {
    const m = /^Bearer (demo-(\d+)-([0-9a-z]+))$/.exec(req.headers.authorization ?? '');
    return m !== null && fnv1a(`${tokenSecret}:${m[2]}`) === m[3];
  };

  let requests = 0;
  let byRoute = emptyCounts(ROUTES);
  /** Settlement callbacks: sent and answered 2xx, or failed (refused, non-2xx). */
  let callbacks = { sent: 0, failed: 0 };
  const pendingSettlements = new Set();
  const callbackAgent = new http.Agent({ keepAlive: true });

  /** POSTs `{ id, status: 'settled' }` to `callback` after `delayMs`. */
  function settle(id, callback, delayMs) {
    const timer = setTimeout(() => {
      pendingSettlements.delete(timer);
      const body = JSON.stringify({ id, status: 'settled', settledAfterMs: delayMs });
      const req = http.request(callback, { method: 'POST', agent: callbackAgent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        if (res.statusCode >= 200 && res.statusCode < 300) callbacks.sent++;
        else callbacks.failed++;
      });
      req.on('error', () => callbacks.failed++);
      req.end(body);
    }, delayMs);
    pendingSettlements.add(timer);
  }
  let byStatus = {};
  let closing = false;

  /** Matches method + path to a route key and its path parameter. */
  function match(method, path) {
    if (path === '/login') return method === 'POST' ? ['POST /login'] : ['unmatched'];
    if (path === '/products') return method === 'GET' ? ['GET /products'] : ['unmatched'];
    if (path === '/cart') return method === 'POST' ? ['POST /cart'] : ['unmatched'];
    if (path === '/checkout') return method === 'POST' ? ['POST /checkout'] : ['unmatched'];
    if (path === '/search') return method === 'GET' ? ['GET /search'] : ['unmatched'];
    if (path === '/payments') return method === 'POST' ? ['POST /payments'] : ['unmatched'];
    if (path === '/health') return method === 'GET' ? ['GET /health'] : ['unmatched'];
    if (path === '/') return method === 'GET' ? ['GET /'] : ['unmatched'];
    let m = /^\/products\/([^/]+)$/.exec(path);
    if (m && method === 'GET') return ['GET /products/:id', m[1]];
    m = /^\/p\/([^/]+)$/.exec(path);
    if (m && method === 'GET') return ['GET /p/:id', m[1]];
    m = /^\/cart\/([^/]+)\/items$/.exec(path);
    if (m && method === 'POST') return ['POST /cart/:id/items', m[1]];
    m = /^\/cart\/([^/]+)$/.exec(path);
    if (m && method === 'DELETE') return ['DELETE /cart/:id', m[1]];
    return ['unmatched'];
  }

  const json = (status, value, headers = {}) => ({ status, body: JSON.stringify(value), type: 'application/json', headers });
  const notFound = (what = 'not found') => json(404, { error: what });
  const unauthorized = () => json(401, { error: 'missing or invalid bearer token' }, { 'www-authenticate': 'Bearer' });

  function parseJson(raw) {
    try {
      return raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Computes the response of a matched route; returns it with the delay to apply first. */
  function handle(route, param, url, req, raw) {
    switch (route) {
      case 'POST /login': {
        const body = parseJson(raw);
        const ok = body !== null && typeof body === 'object' && typeof body.username === 'string' && body.username.length > 0 && body.password === PASSWORD;
        return ok ? json(200, { token: issueToken() }) : json(401, { error: 'invalid username or password' });
      }
      case 'GET /products':
        return { ...json(200, PRODUCTS), delayMs: between(1, 5) };
      case 'GET /products/:id': {
        const id = /^[1-9]\d*$/.test(param) ? Number(param) : NaN;
        return id >= 1 && id <= PRODUCT_COUNT ? json(200, PRODUCTS[id - 1]) : notFound(`no product ${param}`);
      }
      case 'GET /p/:id':
        // A short link, as shared in mails: moved for good to the product's page.
        return json(301, { location: `/products/${param}` }, { location: `/products/${encodeURIComponent(param)}` });
      case 'POST /cart': {
        if (!validToken(req)) return unauthorized();
        const cartId = `c-${++carts}`;
        return json(201, { cartId }, { location: `/cart/${cartId}` });
      }
      case 'POST /cart/:id/items': {
        const body = parseJson(raw) ?? {};
        return json(200, { cartId: param, productId: body.productId ?? null, quantity: body.quantity ?? 1 });
      }
      case 'DELETE /cart/:id':
        return { status: 204, body: '', type: undefined, headers: {} };
      case 'POST /checkout':
        // Drawn on every checkout, in arrival order: the failures are reproducible for a seed.
        if (checkoutRandom() < errorRate) return json(500, { error: 'payment provider unavailable' });
        return json(200, { orderId: `o-${++orders}` });
      case 'GET /search': {
        const q = (url.searchParams.get('q') ?? '').trim().toLowerCase();
        const results = PRODUCTS.filter((p) => q === '' || p.name.toLowerCase().includes(q) || p.category === q);
        return { ...json(200, { q, count: results.length, results }), delayMs: between(80, 200) };
      }
      case 'POST /payments': {
        // Accepted now, settled later: a webhook call to `callback` after 20-200 ms.
        const body = parseJson(raw);
        const id = body?.id;
        if ((typeof id !== 'string' && typeof id !== 'number') || typeof body.callback !== 'string' || !/^https?:\/\//.test(body.callback)) {
          return json(400, { error: 'expected { id, callback } with callback an http(s) URL' });
        }
        settle(id, body.callback, 20 + Math.floor(settleRandom() * 181));
        return json(202, { id, status: 'pending' });
      }
      case 'GET /health':
        return { status: 200, body: 'ok', type: 'text/plain; charset=utf-8', headers: {} };
      case 'GET /':
        // What `go-heavy init`'s sample workflow asks first: the shop's routes.
        return json(200, { name: 'go-heavy demo shop', routes: ROUTES.filter((route) => route !== 'unmatched') });
      default:
        return json(404, { error: 'not found', method: req.method, path: url.pathname });
    }
  }

  function send(res, { status, body, type, headers }) {
    if (res.destroyed || res.writableEnded) return;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const head = { ...headers };
    if (type) head['content-type'] = type;
    if (status !== 204) head['content-length'] = Buffer.byteLength(body);
    if (closing) head.connection = 'close';
    res.writeHead(status, head);
    res.end(status === 204 ? undefined : body);
  }

  const server = http.createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://demo-target');
    } catch {
      url = new URL('http://demo-target/');
    }
    const [route, param] = match(req.method ?? 'GET', url.pathname);
    requests += 1;
    byRoute[route] += 1;

    // Read the whole body before answering so the keep-alive connection stays in sync.
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => {}); // client went away mid-body: nothing to answer
    req.on('end', () => {
      if (tooLarge) {
        send(res, json(413, { error: `body larger than ${MAX_BODY_BYTES} bytes` }));
        return;
      }
      const response = handle(route, param, url, req, Buffer.concat(chunks).toString('utf8'));
      if (response.delayMs > 0) setTimeout(() => send(res, response), response.delayMs);
      else send(res, response);
    });
  });
  // Load tools reuse connections; do not let the server close them first between iterations.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  let closed;
  const close = () => {
    if (closed) return closed;
    closing = true;
    for (const timer of pendingSettlements) clearTimeout(timer);
    pendingSettlements.clear();
    callbackAgent.destroy();
    closed = new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeIdleConnections();
      // In-flight requests (a slow /search) may finish; then connections are cut.
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    });
    return closed;
  };

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actualPort = server.address().port;
      const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${actualPort}`,
        port: actualPort,
        host,
        stats: () => ({ requests, byRoute: { ...byRoute }, byStatus: { ...byStatus }, callbacks: { ...callbacks } }),
        resetStats: () => {
          requests = 0;
          callbacks = { sent: 0, failed: 0 };
          byRoute = emptyCounts(ROUTES);
          byStatus = {};
        },
        close,
      });
    });
  });
}
