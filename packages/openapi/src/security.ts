import type { LoadedSpec } from './load-spec.js';
import { envName } from './naming.js';
import { record } from './record.js';

/** How a security scheme's credentials travel, and the env variables that hold them. */
export type SecurityScheme =
  | { name: string; kind: 'bearer'; description: string; tokenVar: string }
  | { name: string; kind: 'basic'; description: string; usernameVar: string; passwordVar: string }
  | { name: string; kind: 'apiKey'; description: string; in: 'header' | 'query' | 'cookie'; parameter: string; keyVar: string }
  /** Another HTTP authentication scheme (`digest`…): its name and a credential in the authorization header. */
  | { name: string; kind: 'http'; description: string; scheme: string; credentialsVar: string };

/** The spec's security schemes by name; those a load test cannot send (mutual TLS) are left out. */
function securitySchemes(spec: LoadedSpec): Map<string, SecurityScheme> {
  const doc = spec.document;
  const defined = record(spec.version === '2.0' ? doc.securityDefinitions : record(doc.components).securitySchemes);
  const schemes = new Map<string, SecurityScheme>();
  for (const [name, value] of Object.entries(defined)) {
    const s = record(value);
    const description = typeof s.description === 'string' ? s.description.split('\n', 1)[0]!.trim() : '';
    const base = envName(name);
    const type = String(s.type);
    const httpScheme = typeof s.scheme === 'string' ? s.scheme.toLowerCase() : '';
    if (type === 'basic' || (type === 'http' && httpScheme === 'basic')) {
      schemes.set(name, { name, kind: 'basic', description, usernameVar: `${base}_USERNAME`, passwordVar: `${base}_PASSWORD` });
    } else if (type === 'oauth2' || type === 'openIdConnect' || (type === 'http' && httpScheme === 'bearer')) {
      schemes.set(name, { name, kind: 'bearer', description, tokenVar: `${base}_TOKEN` });
    } else if (type === 'http') {
      schemes.set(name, { name, kind: 'http', description, scheme: String(s.scheme), credentialsVar: `${base}_CREDENTIALS` });
    } else if (type === 'apiKey' && (s.in === 'header' || s.in === 'query' || s.in === 'cookie')) {
      schemes.set(name, { name, kind: 'apiKey', description, in: s.in, parameter: String(s.name), keyVar: `${base}_API_KEY` });
    }
  }
  return schemes;
}

/**
 * The schemes an operation sends: those of the first security requirement that applies (the
 * operation's own, else the spec's). A requirement lists alternatives; the first is the one the
 * spec's authors lead with, and an empty one (`{}`) means credentials are optional.
 */
export function securityOf(spec: LoadedSpec, op: Record<string, unknown>): SecurityScheme[] {
  const requirements = Array.isArray(op.security) ? op.security : Array.isArray(spec.document.security) ? spec.document.security : [];
  const first = record(requirements[0]);
  const schemes = securitySchemes(spec);
  return Object.keys(first)
    .map((name) => schemes.get(name))
    .filter((s): s is SecurityScheme => s !== undefined);
}
