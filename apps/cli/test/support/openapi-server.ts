import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSpec } from '@go-heavy/openapi';
import { sample } from 'openapi-sampler';

/** What the server received, per `METHOD /template`. */
export interface SpecServerSeen {
  /** Requests that matched an operation, by `METHOD /template`. */
  byOperation: Record<string, number>;
  /** Statuses answered, by `METHOD /template`. */
  statuses: Record<string, Record<string, number>>;
  /** Requests refused with 401 because the credentials their security requirement asks for were missing. */
  unauthorized: string[];
  /** Credentials of each security scheme that were present, by scheme name: the values received. */
  credentials: Record<string, string[]>;
  /** Requests that matched no operation. */
  unmatched: string[];
}

export interface SpecServer {
  /** BASE_URL for the generated workflows: the origin plus the spec's base path. */
  url: string;
  /** Operations as `METHOD /template` with the status each answers. */
  operations: Array<{ key: string; status: number }>;
  stop(): Promise<SpecServerSeen>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  status: number;
  body: string | undefined;
  /** Alternatives; each a list of scheme names that must all be present. Empty: none needed. */
  security: string[][];
}

/**
 * A server that implements a spec as far as a load test sees it: each request is matched against
 * the spec's path templates and methods, its credentials checked against the operation's security
 * requirement (401 when none of the alternatives is satisfied), and answered with the first
 * documented 2xx status (200 when the spec documents none) and the response's example, or a body
 * sampled from its schema. Listens on 127.0.0.1:0; counts what it received.
 */
export async function startSpecServer(file: string): Promise<SpecServer> {
  const { document: doc, version } = await loadSpec(file);
  const basePath =
    version === '2.0' ? String(doc.basePath ?? '').replace(/\/$/, '') : new URL(String(obj((doc.servers as unknown[] | undefined)?.[0]).url ?? '/'), 'http://x').pathname.replace(/\/$/, '');
  const schemes = obj(version === '2.0' ? doc.securityDefinitions : obj(doc.components).securitySchemes);
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(obj(doc.paths))) {
    for (const [method, op] of Object.entries(obj(item))) {
      if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(method)) continue;
      const responses = obj(obj(op).responses);
      const code = Object.keys(responses).find((c) => /^2\d\d$/.test(c));
      const status = code === undefined ? 200 : Number(code);
      const response = obj(code === undefined ? undefined : responses[code]);
      const requirements = (obj(op).security ?? doc.security ?? []) as Obj[];
      routes.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(
          `^${escape(basePath)}${template
            .split(/\{[^}]+\}/)
            .map(escape)
            .join('[^/]+')}$`,
        ),
        status,
        body: status === 204 ? undefined : JSON.stringify(exampleBody(response, version) ?? {}),
        security: requirements.map((r) => Object.keys(r)),
      });
    }
  }
  // A literal segment wins over a parameter: /pet/findByStatus is not /pet/{petId}.
  routes.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  const seen: SpecServerSeen = { byOperation: {}, statuses: {}, unauthorized: [], credentials: {}, unmatched: [] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    req.resume();
    req.on('end', () => {
      if (!route) {
        seen.unmatched.push(`${req.method} ${url.pathname}`);
        res.writeHead(404).end();
        return;
      }
      const key = `${route.method} ${route.template}`;
      seen.byOperation[key] = (seen.byOperation[key] ?? 0) + 1;
      const present = (name: string) => credential(obj(schemes[name]), req, url);
      const ok = route.security.length === 0 || route.security.some((alt) => alt.every((name) => present(name) !== undefined));
      const status = ok ? route.status : 401;
      if (ok) {
        for (const name of route.security.find((alt) => alt.every((n) => present(n) !== undefined)) ?? []) (seen.credentials[name] ??= []).push(present(name)!);
      } else seen.unauthorized.push(key);
      const statuses = (seen.statuses[key] ??= {});
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!ok || route.body === undefined) res.writeHead(status).end();
      else res.writeHead(status, { 'content-type': 'application/json' }).end(route.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    operations: routes.map((r) => ({ key: `${r.method} ${r.template}`, status: r.status })),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(seen));
      }),
  };
}

/** The value a security scheme's credentials arrived with, or undefined when they are missing. */
function credential(scheme: Obj, req: http.IncomingMessage, url: URL): string | undefined {
  const authorization = req.headers.authorization ?? '';
  const type = String(scheme.type);
  const httpScheme = String(scheme.scheme ?? '').toLowerCase();
  if (type === 'basic' || (type === 'http' && httpScheme === 'basic')) {
    const m = /^Basic (.+)$/.exec(authorization);
    const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
    return decoded.includes(':') && decoded !== ':' ? decoded : undefined;
  }
  if (type === 'oauth2' || type === 'openIdConnect' || type === 'http') {
    const m = /^Bearer (.+)$/i.exec(authorization);
    return m && m[1] !== 'undefined' ? m[1] : undefined;
  }
  if (type === 'apiKey') {
    const name = String(scheme.name);
    const value = scheme.in === 'query' ? url.searchParams.get(name) : scheme.in === 'cookie' ? cookie(req.headers.cookie, name) : req.headers[name.toLowerCase()];
    return typeof value === 'string' && value !== '' && value !== 'undefined' ? value : undefined;
  }
  return undefined;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(/;\s*/)) {
    const [k, ...v] = part.split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function exampleBody(response: Obj, version: string): unknown {
  if (version === '2.0') {
    const examples = obj(response.examples);
    return examples['application/json'] ?? (response.schema ? sample(response.schema as never, { quiet: true }) : undefined);
  }
  const media = obj(obj(response.content)['application/json']);
  const named = Object.values(obj(media.examples)).map((e) => obj(e).value)[0];
  return media.example ?? named ?? (media.schema ? sample(media.schema as never, { quiet: true }) : undefined);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
