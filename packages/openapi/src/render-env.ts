import type { LoadedSpec } from './load-spec.js';
import { record } from './record.js';
import type { SecurityScheme } from './security.js';

/**
 * The service's env.default: BASE_URL from the spec's first server (its variables at their
 * defaults), then one variable per security scheme the workflows use, with a placeholder value.
 */
export function renderEnv(header: string[], spec: LoadedSpec, schemes: readonly SecurityScheme[]): string {
  const out = header.map((line) => (line === '' ? '#' : `# ${line}`));
  out.push('# Committed defaults: put real credentials in .env beside this file (not committed) or in the environment.');
  out.push('', `# The API's address, from the spec's servers.`, `BASE_URL=${baseUrl(spec)}`);
  for (const s of schemes) {
    out.push('', `# ${s.name}: ${how(s)}${s.description ? `. ${s.description.replace(/[\r\n]+/g, ' ')}` : ''}`);
    switch (s.kind) {
      case 'bearer':
        out.push(`${s.tokenVar}=change-me`);
        break;
      case 'basic':
        out.push(`${s.usernameVar}=user`, `${s.passwordVar}=change-me`);
        break;
      case 'http':
        out.push(`${s.credentialsVar}=change-me`);
        break;
      case 'apiKey':
        out.push(`${s.keyVar}=change-me`);
    }
  }
  return `${out.join('\n')}\n`;
}

function how(s: SecurityScheme): string {
  switch (s.kind) {
    case 'bearer':
      return 'sent as authorization: Bearer <token>';
    case 'basic':
      return 'sent as authorization: Basic <username:password in base64>';
    case 'http':
      return `sent as authorization: ${s.scheme} <credentials>`;
    case 'apiKey':
      return `an API key sent in the ${s.in === 'query' ? 'query parameter' : s.in === 'cookie' ? 'cookie' : 'header'} ${s.parameter}`;
  }
}

/** The first server's URL, variables resolved; Swagger 2.0's scheme, host and basePath. Relative ones get `http://localhost`. */
function baseUrl(spec: LoadedSpec): string {
  const doc = spec.document;
  let url: string;
  if (spec.version === '2.0') {
    const schemes = Array.isArray(doc.schemes) ? doc.schemes.map(String) : [];
    const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'http');
    url = `${scheme}://${typeof doc.host === 'string' ? doc.host : 'localhost'}${typeof doc.basePath === 'string' ? doc.basePath : ''}`;
  } else {
    const server = record(Array.isArray(doc.servers) ? doc.servers[0] : undefined);
    const variables = record(server.variables);
    url = (typeof server.url === 'string' ? server.url : '/').replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const v = record(variables[name]);
      return v.default !== undefined ? String(v.default) : Array.isArray(v.enum) && v.enum.length > 0 ? String(v.enum[0]) : whole;
    });
  }
  if (url.startsWith('/')) url = `http://localhost${url}`;
  return url.endsWith('/') && url.length > 'https://x/'.length && !/^https?:\/\/[^/]+\/$/.test(url) ? url.slice(0, -1) : url;
}
