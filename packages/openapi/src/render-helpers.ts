/** The helper module every generated workflow of a service may import: no default export, so not a workflow. */
export function renderHelpers(header: string[]): string {
  return `${header.map((line) => (line === '' ? '//' : `// ${line}`)).join('\n')}
// Helpers of the generated workflows beside it (not a workflow: it has no default export).

type QueryValue = string | number | boolean | undefined | null;

/** \`?a=1&b=x&b=y\`: arrays repeat their name (OpenAPI's default, form and explode); empty values are left out. */
export function query(values: Record<string, QueryValue | readonly QueryValue[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null) search.append(name, String(v));
  }
  const text = search.toString();
  return text === '' ? '' : \`?\${text}\`;
}

/** The \`authorization\` header of HTTP basic authentication. */
export function basicAuth(username: string | undefined, password: string | undefined): string {
  return \`Basic \${btoa(\`\${username ?? ''}:\${password ?? ''}\`)}\`;
}

/** An application/x-www-form-urlencoded body. */
export function formBody(fields: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  return form.toString();
}

/** A multipart/form-data body of text fields, and its content type with the boundary. */
export function multipart(fields: Record<string, unknown>): { body: string; contentType: string } {
  const boundary = 'go-heavy-form-boundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => \`--\${boundary}\\r\\ncontent-disposition: form-data; name="\${name}"\\r\\n\\r\\n\${typeof value === 'string' ? value : JSON.stringify(value)}\\r\\n\`,
  );
  return { body: \`\${parts.join('')}--\${boundary}--\\r\\n\`, contentType: \`multipart/form-data; boundary=\${boundary}\` };
}
`;
}
