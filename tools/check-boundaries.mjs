#!/usr/bin/env node
// `npm run lint`: enforces the dependency rule of docs/architecture.md. Siblings meet in core's
// interfaces and never import each other; core imports nothing of ours; only the CLI composes.
// Also checks that every package imported by a package's sources is declared in its package.json,
// so a published package never leans on something hoisted in this workspace.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projects = [...readdirSync(path.join(repo, 'packages')).map((d) => path.join('packages', d)), 'apps/cli'];
const ALLOWED = {
  '@go-heavy/core': [],
  'go-heavy': null, // the CLI may import any of ours
};
const OURS = /^@go-heavy\/[^/]+/;
const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sources(dir) {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) yield* sources(file);
    else if (/\.[cm]?ts$/.test(entry) && !entry.endsWith('.d.ts')) yield file;
  }
}

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const problems = [];
for (const project of projects) {
  const manifest = JSON.parse(readFileSync(path.join(repo, project, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const allowedOurs = manifest.name in ALLOWED ? ALLOWED[manifest.name] : ['@go-heavy/core'];
  for (const file of sources(path.join(repo, project, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      const name = packageOf(specifier);
      const where = path.relative(repo, file);
      if (OURS.test(name) && allowedOurs !== null && !allowedOurs.includes(name)) {
        problems.push(`${where}: ${manifest.name} must not import ${name} (siblings meet in @go-heavy/core's interfaces)`);
      }
      if (!declared.has(name)) problems.push(`${where}: imports ${name}, which ${project}/package.json does not declare in dependencies`);
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`\n${problems.length} boundary problem(s)`);
  process.exit(1);
}
console.log(`boundaries ok: ${projects.length} projects`);
