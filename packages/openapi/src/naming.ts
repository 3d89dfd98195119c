/** Words of a name: `get-user.byId v2` → get, user, by, Id, v2. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** A TypeScript type name: `create-article` → `CreateArticle`; never starts with a digit. */
export function typeName(text: string): string {
  const name = words(text)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return name === '' ? 'Operation' : /^\d/.test(name) ? `_${name}` : name;
}

/** A file name: `User and Authentication` → `user-and-authentication`. */
export function fileName(text: string): string {
  return (
    words(text)
      .map((w) => w.toLowerCase())
      .join('-') || 'operations'
  );
}

/** An environment variable name: `apiKey_header` → `API_KEY_HEADER`. */
export function envName(text: string): string {
  const name = words(text)
    .map((w) => w.toUpperCase())
    .join('_');
  return name === '' ? 'API' : /^\d/.test(name) ? `_${name}` : name;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quote(key);
}

/** Property access on `object`: `params.slug`, `params['api-version']`. */
export function access(object: string, key: string): string {
  return IDENTIFIER.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`;
}

/** A single-quoted TypeScript string literal. */
export function quote(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

/** Text safe inside a `//` comment: one line, no control characters. */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u2028\u2029]+/g, ' ').trim();
}
