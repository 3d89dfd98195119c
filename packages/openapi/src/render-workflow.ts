import { literal } from './literal.js';
import { access, commentText, propertyKey, quote, typeName } from './naming.js';
import type { OperationModel } from './operations.js';
import type { ParameterModel } from './parameters.js';
import type { SecurityScheme } from './security.js';
import { typeOf } from './ts-types.js';

/** What a workflow file is made of. */
export interface WorkflowSource {
  /** The header comment's lines, without `// `. */
  header: string[];
  operations: readonly OperationModel[];
  /** The helper module's import path, relative to the workflow (`./openapi-helpers`). */
  helpers: string;
}

/**
 * A workflow file: the parameters as variables at the top (one per name, the spec's example as
 * its value), a type per request body, then one step per operation in the spec's order, each
 * request named by its path template and checked against its documented 2xx status.
 */
export function renderWorkflow(source: WorkflowSource): string {
  const params = collectParameters(source.operations);
  const stepNames = uniqueNames(source.operations.map(stepName));
  const bodyTypes = uniqueNames(source.operations.map((op) => `${typeName(op.operationId ?? op.summary ?? `${op.method} ${op.path}`)}Body`));
  const usesQuery = source.operations.some((op) => queryParts(op).length > 0);
  const usesBasic = source.operations.some((op) => op.security.some((s) => s.kind === 'basic'));
  const usesMultipart = source.operations.some((op) => op.body?.encoding === 'multipart');
  const usesForm = source.operations.some((op) => op.body?.encoding === 'form');
  const helpers = [usesBasic && 'basicAuth', usesForm && 'formBody', usesMultipart && 'multipart', usesQuery && 'query'].filter(Boolean);

  const out: string[] = source.header.map((line) => (line === '' ? '//' : `// ${line}`));
  out.push(`import { workflow } from '@go-heavy/core';`);
  if (helpers.length > 0) out.push(`import { ${helpers.join(', ')} } from '${source.helpers}';`);
  out.push('');
  if (params.size > 0) {
    out.push("// Path, query and header parameters, from the spec's examples: change them here.");
    out.push('const params = {');
    for (const p of params.values()) out.push(`  ${propertyKey(p.name)}: ${literal(p.example, '  ')},`);
    out.push('};', '');
  }
  source.operations.forEach((op, i) => {
    if (op.body && (op.body.encoding === 'json' || op.body.encoding === 'form' || op.body.encoding === 'multipart')) {
      out.push(`// The body of ${describe(op)}.`);
      out.push(`type ${bodyTypes[i]} = ${bodyType(op)};`, '');
    }
  });
  out.push('export default workflow({');
  out.push('  async run(ctx) {');
  source.operations.forEach((op, i) => {
    out.push(`    await ctx.step(${quote(stepNames[i]!)}, async () => {`);
    out.push(...renderRequest(op, bodyTypes[i]!, stepNames[i]!).map((line) => `      ${line}`));
    out.push('    });');
  });
  out.push('  },');
  out.push('});');
  return `${out.join('\n')}\n`;
}

/** A step's name: the operationId, else the summary, else `GET /path`. */
function stepName(op: OperationModel): string {
  return commentText(op.operationId ?? op.summary ?? `${op.method.toUpperCase()} ${op.path}`);
}

function describe(op: OperationModel): string {
  return `${op.operationId ? `${commentText(op.operationId)} (` : ''}${op.method.toUpperCase()} ${commentText(op.path)}${op.operationId ? ')' : ''}`;
}

/** Names made unique by a suffix: `list`, `list 2`. */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}${/^[A-Za-z_$]/.test(name) && !name.includes(' ') ? n : ` ${n}`}`;
  });
}

/** One variable per parameter name, across the workflow's operations: an id is edited once. */
function collectParameters(operations: readonly OperationModel[]): Map<string, ParameterModel> {
  const params = new Map<string, ParameterModel>();
  for (const op of operations) for (const p of sent(op)) if (!params.has(p.name)) params.set(p.name, p);
  return params;
}

/** The parameters a request sends: path ones always, query and header ones when required or given an example. */
function sent(op: OperationModel): ParameterModel[] {
  return op.parameters.filter((p) => p.in === 'path' || ((p.required || p.stated) && p.example !== undefined));
}

function queryParts(op: OperationModel): string[] {
  const parts = sent(op)
    .filter((p) => p.in === 'query')
    .map((p) => `${propertyKey(p.name)}: ${access('params', p.name)}`);
  for (const s of op.security) if (s.kind === 'apiKey' && s.in === 'query') parts.push(`${propertyKey(s.parameter)}: ctx.env.${s.keyVar}`);
  return parts;
}

function bodyType(op: OperationModel): string {
  return typeOf(op.body!.schema);
}

/** Where a request's lines start in the file: inside `run` and its step. */
const REQUEST_INDENT = 6;

function renderRequest(op: OperationModel, bodyType: string, step: string): string[] {
  const lines: string[] = [];
  // `/articles/{slug}` → `/articles/${encodeURIComponent(params.slug)}`; the name keeps the template.
  const pathParams = new Set(op.parameters.filter((p) => p.in === 'path').map((p) => p.name));
  const pathExpr = op.path.replace(/\{([^}]+)\}/g, (whole, name: string) => (pathParams.has(name) ? `\${encodeURIComponent(${access('params', name)})}` : whole));
  const query = queryParts(op);
  const url = query.length > 0 ? `\`${escapeTemplate(pathExpr)}\${query({ ${query.join(', ')} })}\`` : pathExpr.includes('${') ? `\`${escapeTemplate(pathExpr)}\`` : quote(op.path);
  const headers = headerEntries(op);
  const body = op.body;
  let bodyArg: string | undefined;
  if (body) {
    switch (body.encoding) {
      case 'json':
        lines.push(`const body: ${bodyType} = ${literal(body.example ?? {}, '      ')};`);
        bodyArg = 'body';
        break;
      case 'form':
        lines.push(`const fields: ${bodyType} = ${literal(body.example ?? {}, '      ')};`);
        lines.push(`const body = formBody(fields);`);
        headers.unshift(`'content-type': ${quote(body.contentType)}`);
        bodyArg = 'body';
        break;
      case 'multipart':
        lines.push(`const fields: ${bodyType} = ${literal(body.example ?? {}, '      ')};`);
        lines.push(`const form = multipart(fields);`);
        headers.unshift(`'content-type': form.contentType`);
        bodyArg = 'form.body';
        break;
      default:
        lines.push(`const body = ${quote(typeof body.example === 'string' ? body.example : JSON.stringify(body.example ?? ''))};`);
        headers.unshift(`'content-type': ${quote(body.contentType)}`);
        bodyArg = 'body';
    }
  }
  const options = [`name: ${quote(op.path)}`, ...(headers.length > 0 ? [`headers: { ${headers.join(', ')} }`] : [])];
  const method = op.method;
  const shortcut = ['post', 'put', 'patch'].includes(method) || (['get', 'delete'].includes(method) && !body);
  const args = shortcut ? [url, ...(['post', 'put', 'patch'].includes(method) ? [bodyArg ?? 'undefined'] : [])] : [];
  const fields = shortcut ? options : [`method: '${method.toUpperCase()}'`, `url: ${url}`, ...(bodyArg ? [`body: ${bodyArg}`] : []), ...options];
  const callee = shortcut ? `ctx.http.${method}` : 'ctx.http.request';
  const oneLine = `const res = await ${callee}(${[...args, `{ ${fields.join(', ')} }`].join(', ')});`;
  // As prettier (print width 200) lays it out, so formatting a generated file changes nothing.
  if (REQUEST_INDENT + oneLine.length <= 200) lines.push(oneLine);
  else lines.push(`const res = await ${callee}(${[...args, '{'].join(', ')}`, ...fields.map((f) => `  ${f},`), '});');
  lines.push(check(op, step));
  return lines;
}

function headerEntries(op: OperationModel): string[] {
  const entries = sent(op)
    .filter((p) => p.in === 'header')
    .map((p) => `${propertyKey(p.name)}: String(${access('params', p.name)})`);
  const cookies: string[] = [];
  for (const s of op.security) entries.push(...credentialHeader(s, cookies));
  if (cookies.length > 0) entries.push(`cookie: ${cookies.length === 1 ? cookies[0] : `[${cookies.join(', ')}].join('; ')`}`);
  return entries;
}

/** The header (or cookie) an operation's security scheme needs, from its env variables. */
function credentialHeader(s: SecurityScheme, cookies: string[]): string[] {
  switch (s.kind) {
    case 'bearer':
      return [`authorization: \`Bearer \${ctx.env.${s.tokenVar}}\``];
    case 'basic':
      return [`authorization: basicAuth(ctx.env.${s.usernameVar}, ctx.env.${s.passwordVar})`];
    case 'http':
      return [`authorization: \`${escapeTemplate(s.scheme)} \${ctx.env.${s.credentialsVar}}\``];
    case 'apiKey':
      if (s.in === 'header') return [`${propertyKey(s.parameter)}: ctx.env.${s.keyVar}`];
      if (s.in === 'cookie') cookies.push(`\`${escapeTemplate(s.parameter)}=\${ctx.env.${s.keyVar}}\``);
      return [];
  }
}

/** The documented 2xx status(es); any 2xx when the spec documents none. */
function check(op: OperationModel, step: string): string {
  const statuses = op.successStatuses;
  if (statuses.length === 0) return `ctx.check(res.status >= 200 && res.status < 300, ${quote(`${step} answers 2xx`)}); // the spec documents no 2xx status`;
  if (statuses.length === 1) return `ctx.check(res.status === ${statuses[0]}, ${quote(`${step} answers ${statuses[0]}`)});`;
  return `ctx.check([${statuses.join(', ')}].includes(res.status), ${quote(`${step} answers ${statuses.join(' or ')}`)});`;
}

/** Text safe between backticks, keeping `${` that this generator wrote. */
function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
}
