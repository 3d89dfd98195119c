import { createHash } from 'node:crypto';
import { jsonForScript } from './embed-json.js';
import { escapeHtml } from './escape-html.js';

/**
 * The parts of a go-heavy page ({@link renderPage}). Strings named `…Html` are written as they
 * are and must already be safe (fixed markup, or text passed through `escapeHtml`); everything
 * else is escaped here. Run data belongs in `data`, never in the markup.
 */
export interface PageParts {
  /** The `<h1>`. */
  heading: string;
  /** The `<title>`. */
  documentTitle: string;
  /** The line beside the heading (`#go-heavy-subtitle`); the script may replace it. */
  subtitle: string;
  /** Markup after the subtitle, inside the header (the dashboard's status line and button). */
  headerHtml?: string;
  /** The `<noscript>` paragraph. */
  noscriptHtml: string;
  footerHtml: string;
  css: string;
  /** Embedded as JSON in `<script type="application/json" id="go-heavy-data">`. */
  data: unknown;
  /** Inline scripts, in order; each is allowed by its hash and no other script runs. */
  scripts: readonly string[];
  /** Let the page connect to its own origin (`connect-src 'self'`); default: nowhere. */
  connectSelf?: boolean;
}

/** A CSP source for an inline script: `sha256-<base64>` of its text. */
const scriptHash = (script: string): string => `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;

/**
 * The page's Content-Security-Policy: nothing may be loaded (no network, no file), only the
 * page's own scripts run (by their hashes, so an injected `<script>` or `onerror=` would not),
 * styles are inline. With `connectSelf` the page may also connect to its own origin.
 */
function contentSecurityPolicy(scripts: readonly string[], connectSelf = false): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map((s) => `'${scriptHash(s)}'`).join(' ')}`,
    connectSelf ? "connect-src 'self'" : null,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ]
    .filter((part) => part !== null)
    .join('; ');
}

/**
 * One self-contained go-heavy page: inline CSS, the data as JSON, inline scripts that draw
 * everything into `<main id="go-heavy-report">` (and mark it `data-rendered`), and a CSP that
 * lets nothing else in. Shared by the HTML report, the live dashboard and the trend report.
 */
export function renderPage(parts: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(parts.scripts, parts.connectSelf === true))}">
<meta name="generator" content="go-heavy">
<title>${escapeHtml(parts.documentTitle)}</title>
<style>${parts.css}</style>
</head>
<body>
<div class="page">
<header class="top">
<h1>${escapeHtml(parts.heading)}</h1>
<span class="subtitle" id="go-heavy-subtitle">${escapeHtml(parts.subtitle)}</span>${parts.headerHtml ?? ''}
</header>
<noscript><p>${parts.noscriptHtml}</p></noscript>
<main id="go-heavy-report"></main>
<footer>${parts.footerHtml}</footer>
</div>
<script type="application/json" id="go-heavy-data">${jsonForScript(parts.data)}</script>
${parts.scripts.map((script) => `<script>${script}</script>`).join('\n')}
</body>
</html>
`;
}
