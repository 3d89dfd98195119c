import { escapeHtml } from '@go-heavy/reporter';
import { INDEX_CSS } from '../results-server.js';
import { phaseOf, type ActiveRun } from './run-slot.js';

/** Shorthand: HTML-escapes a value of any kind. */
export const esc = (value: unknown): string => escapeHtml(String(value));

/** The UI's navigation bar, with the going run (if any) linked to its live page. */
export function navHtml(run: ActiveRun | null): string {
  const going = run && phaseOf(run) !== 'finished' ? ` <a class="going" href="/live/" data-nav="live">● ${esc(run.target)} is running</a>` : '';
  return `<nav class="nav"><a href="/" data-nav="services">Services</a><a href="/runs" data-nav="runs">Runs</a><a href="/diff" data-nav="diff">Diff</a>${going}</nav>`;
}

/** Options of {@link uiPage}. */
export interface UiPageOptions {
  title: string;
  /** Markup, already safe: everything user-controlled in it passed through {@link esc}. */
  bodyHtml: string;
  run: ActiveRun | null;
  /** Reload the page after this many seconds (the "starting…" page); no script needed. */
  refreshSeconds?: number;
}

/**
 * A page of the web UI: server-rendered, no script at all (its policy, {@link PAGE_CSP} of the
 * server, allows none), in the style of `go-heavy serve`'s index.
 */
export function uiPage(options: UiPageOptions): string {
  const refresh = options.refreshSeconds ? `\n<meta http-equiv="refresh" content="${options.refreshSeconds}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="go-heavy">${refresh}
<title>${esc(options.title)} · go-heavy ui</title>
<style>${INDEX_CSS}${UI_CSS}</style>
</head>
<body>
<div class="page">
${navHtml(options.run)}
${options.bodyHtml}
</div>
</body>
</html>
`;
}

const UI_CSS = `
.nav { display: flex; gap: 18px; align-items: center; margin: 0 0 18px; padding-bottom: 10px; border-bottom: 1px solid #dde1e6; }
.nav a.going { margin-left: auto; color: #1f7a3d; }
section.card { background: #fff; border: 1px solid #dde1e6; border-radius: 10px; padding: 14px 18px; margin: 0 0 16px; }
section.card h2 { margin-top: 0; }
pre { background: #f7f8fa; border: 1px solid #eceef1; border-radius: 6px; padding: 10px 12px; overflow: auto; font: 12.5px/1.35 ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; margin: 6px 0 0; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li { padding: 3px 0; }
form.run-form .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 10px 18px; }
form label { display: block; font-size: 12px; font-weight: 600; color: #5c6775; }
form input, form select { width: 100%; font: inherit; padding: 5px 8px; border: 1px solid #c9ced6; border-radius: 6px; background: #fff; }
form .field.bad input, form .field.bad select { border-color: #c42b38; }
form .help { font-size: 11.5px; color: #8b95a3; }
.error { color: #c42b38; font-size: 12.5px; font-weight: 600; margin: 3px 0 0; }
.errors { background: #fdecee; border: 1px solid #f3c2c7; border-radius: 8px; padding: 8px 12px; color: #8a1c26; }
.buttons { display: flex; gap: 10px; margin-top: 14px; }
button { font: inherit; font-weight: 600; border: 0; border-radius: 6px; padding: 7px 16px; cursor: pointer; color: #fff; background: #2b5bb5; }
button.secondary { color: #1c2128; background: #e6e9ee; }
button.stop { background: #c42b38; }
.muted { color: #5c6775; }
`;
