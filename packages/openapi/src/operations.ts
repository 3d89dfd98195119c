import type { LoadedSpec, SpecDocument } from './load-spec.js';
import { record } from './record.js';
import { bodyOf, type RequestBodyModel } from './bodies.js';
import { parametersOf, type ParameterModel } from './parameters.js';
import { securityOf, type SecurityScheme } from './security.js';

/** One operation of the spec, the same shape whatever its version. */
export interface OperationModel {
  /** Lowercase HTTP method. */
  method: string;
  /** The path template, as the spec writes it: `/articles/{slug}`. */
  path: string;
  operationId: string | undefined;
  summary: string | undefined;
  /** The first of its tags (an operation runs in one workflow), or undefined when it has none. */
  tag: string | undefined;
  parameters: ParameterModel[];
  body: RequestBodyModel | undefined;
  /** The documented 2xx statuses, ascending; empty when the spec documents none. */
  successStatuses: number[];
  /** The schemes of the first security requirement that applies (empty: none needed). */
  security: SecurityScheme[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation, in the order of the spec's paths and, within a path, of its methods as written. */
export function operationsOf(spec: LoadedSpec): OperationModel[] {
  const doc = spec.document;
  const operations: OperationModel[] = [];
  for (const [template, item] of Object.entries(record(doc.paths))) {
    const pathItem = record(item);
    for (const [method, value] of Object.entries(pathItem)) {
      if (!(METHODS as readonly string[]).includes(method)) continue;
      const op = record(value);
      const tags = Array.isArray(op.tags) ? op.tags.map(String) : [];
      operations.push({
        method,
        path: template,
        operationId: typeof op.operationId === 'string' && op.operationId.trim() !== '' ? op.operationId : undefined,
        summary: typeof op.summary === 'string' && op.summary.trim() !== '' ? op.summary.trim() : undefined,
        tag: tags[0],
        parameters: parametersOf(spec, pathItem, op),
        body: bodyOf(spec, pathItem, op),
        successStatuses: successStatuses(record(op.responses)),
        security: securityOf(spec, op),
      });
    }
  }
  return operations;
}

/** `200`, `201`…; a `2XX` range counts as 200. */
function successStatuses(responses: Record<string, unknown>): number[] {
  const found = new Set<number>();
  for (const code of Object.keys(responses)) {
    if (/^2\d\d$/.test(code)) found.add(Number(code));
    else if (/^2xx$/i.test(code)) found.add(200);
  }
  return [...found].sort((a, b) => a - b);
}

/** The tags in the spec's own order (its `tags` list first, then as operations use them). */
export function tagOrder(doc: SpecDocument, operations: readonly OperationModel[]): string[] {
  const order: string[] = [];
  for (const tag of Array.isArray(doc.tags) ? doc.tags : []) {
    const name = record(tag).name;
    if (typeof name === 'string' && operations.some((op) => op.tag === name) && !order.includes(name)) order.push(name);
  }
  for (const op of operations) if (op.tag !== undefined && !order.includes(op.tag)) order.push(op.tag);
  return order;
}
