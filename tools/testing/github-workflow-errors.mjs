#!/usr/bin/env node
// Prints, as JSON, the problems GitHub's own workflow parser (@actions/workflow-parser, the one
// behind the Actions language server) finds in the workflow file given as argument, and its jobs:
// `{ "errors": [...], "jobs": [...] }`. A script, not a module: the parser is ESM-only and imports
// its schema as JSON without an import attribute, which Node 20 refuses; the hook below adds it.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';

const addJsonAttribute = `export async function load(url, context, next) {
  return next(url, url.endsWith('.json') ? { ...context, importAttributes: { type: 'json' } } : context);
}`;
register(`data:text/javascript,${encodeURIComponent(addJsonAttribute)}`);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const file = process.argv[2];
const parsed = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
const errors = parsed.context.errors.getErrors().map((e) => e.message);
process.stdout.write(`${JSON.stringify({ errors, jobs: (template?.jobs ?? []).map((j) => j.id?.value) })}\n`);
