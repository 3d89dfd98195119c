/** A JSON pointer (`#/paths/~1articles/get`) for a path of keys, as OpenAPI tools print them. */
export function pointer(keys: readonly (string | number)[]): string {
  return `#/${keys.map((k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** The value at a local `$ref` (`#/components/schemas/User`) in `document`, or undefined when there is none. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (ref === '#' || ref === '#/') return document;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
