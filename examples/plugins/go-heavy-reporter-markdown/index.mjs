// A go-heavy reporter plugin in plain JavaScript: no build step, nothing but Node built-ins at
// run time. @go-heavy/core is a peer dependency for its types (see index.d.mts) and for the
// contract it implements: a default-exported ReporterFactory.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** The reporter plugin API version this plugin was written for (`REPORTER_API_VERSION`). */
const API_VERSION = 1;

/**
 * The factory go-heavy calls once per run, with this reporter's options from `heavy.config.ts`
 * (`reporters: [['go-heavy-reporter-markdown', { path: 'summary.md' }]]`) and the run's context.
 * It opens a temporary file beside `path` at once, so an unwritable place fails before the load
 * starts; `onEnd` writes the table into it and `close()` flushes it and renames it over `path`.
 *
 * @param {{ path?: unknown, title?: unknown }} options
 * @param {import('@go-heavy/core').ReporterContext} context
 * @returns {Promise<import('@go-heavy/core').Reporter>}
 */
export default async function markdownReporter(options, context) {
  if (context?.apiVersion !== API_VERSION) {
    throw new Error(`written for go-heavy's reporter API version ${API_VERSION}, this go-heavy offers ${context?.apiVersion}`);
  }
  if (typeof options?.path !== 'string' || options.path === '') {
    throw new Error('option path: expected a file name such as "summary.md"');
  }
  const title = typeof options.title === 'string' ? options.title : 'go-heavy summary';
  // Relative paths are relative to where go-heavy was started, as the built-in reporters' are.
  const file = path.resolve(context.cwd, options.path);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await open(temp, 'w');
  let written = false;

  return {
    name: 'markdown',
    async onEnd(result) {
      await handle.writeFile(renderMarkdown(result, title), 'utf8');
      written = true;
    },
    async close() {
      // Flush, then publish the whole file at once; a run that never ended leaves nothing behind.
      await handle.sync();
      await handle.close();
      if (written) await rename(temp, file);
      else await rm(temp, { force: true });
    },
  };
}

/**
 * The Markdown text for a `RunResult`: a heading, one line about the run, then one row per
 * workflow with runs, failed runs, p50 / p95 / p99 of a run in milliseconds and runs per second.
 *
 * @param {import('@go-heavy/core').RunResult} result
 * @param {string} [title]
 * @returns {string}
 */
export function renderMarkdown(result, title = 'go-heavy summary') {
  const s = result.summary;
  const lines = [
    `## ${title}`,
    '',
    `Test \`${result.testId}\`: ${(result.durationMs / 1000).toFixed(1)} s, ` + `${s.workflowsSucceeded} runs succeeded, ${s.workflowsFailed} failed, ${s.requests} requests.`,
  ];
  if (s.interrupted) lines.push('', '**Interrupted**: the run was stopped before its end.');
  lines.push('', '| workflow | runs | failed | p50 (ms) | p95 (ms) | p99 (ms) | rps |', '|---|--:|--:|--:|--:|--:|--:|');
  for (const wf of result.workflows) {
    const l = wf.latencyMs;
    const cells = [cell(wf.name), wf.runs, wf.failed, ms(l.p50), ms(l.p95), ms(l.p99), wf.ratePerSec.toFixed(1)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', '_rps: workflow runs per second. Latencies are of a whole workflow run._', '');
  return lines.join('\n');
}

function ms(value) {
  return value.toFixed(2);
}

/** A table cell: pipes escaped, line breaks flattened. */
function cell(text) {
  return String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}
