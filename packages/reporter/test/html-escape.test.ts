import { jsonForScript } from '../src/html/embed-json.js';
import { escapeHtml } from '../src/html/escape-html.js';
import { HOSTILE_IMG, HOSTILE_SCRIPT, makeHostileRunResult } from './helpers/run-result-fixture.js';

describe('escapeHtml', () => {
  test('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });

  test('leaves everything else alone, including non-ASCII and existing references', () => {
    expect(escapeHtml('p99 ≤ 5 µs — ok')).toBe('p99 ≤ 5 µs — ok');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('')).toBe('');
  });

  test('hostile markup comes out inert', () => {
    expect(escapeHtml(HOSTILE_SCRIPT)).toBe('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(escapeHtml(HOSTILE_IMG)).toBe('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  });
});

describe('jsonForScript', () => {
  test('escapes <, >, &, U+2028 and U+2029 as \\u escapes', () => {
    const text = jsonForScript({ s: '</script><!-- a & b \u2028\u2029' });
    expect(text).toBe('{"s":"\\u003c/script\\u003e\\u003c!-- a \\u0026 b \\u2028\\u2029"}');
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
  });

  test('parses back to the same value', () => {
    const result = makeHostileRunResult();
    expect(JSON.parse(jsonForScript(result))).toEqual(result);
    expect(JSON.parse(jsonForScript('</SCRIPT >\u2028'))).toBe('</SCRIPT >\u2028');
  });

  test('a </script> inside a name cannot close the data element', () => {
    const html = `<script type="application/json" id="d">${jsonForScript(makeHostileRunResult())}</script>`;
    // The only end tag the HTML tokenizer can see is the element's own.
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html.endsWith('</script>')).toBe(true);
    expect(html).not.toContain('<!--');
  });

  test('undefined becomes null; numbers JSON cannot hold become null as in JSON.stringify', () => {
    expect(jsonForScript(undefined)).toBe('null');
    expect(jsonForScript({ a: Number.NaN, b: Infinity })).toBe('{"a":null,"b":null}');
  });
});
