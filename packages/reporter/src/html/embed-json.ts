/**
 * `value` as JSON that can sit inside `<script type="application/json">…</script>`: `<`, `>`,
 * `&`, U+2028 and U+2029 are written as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`, so no
 * string in the data can close the element (`</script>`) or open a comment (`<!--`), and
 * `JSON.parse` of the element's text gives back the same value. `undefined` gives `null`.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
