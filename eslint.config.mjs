// ESLint for the whole workspace (`npm run lint`). typescript-eslint's recommended set without type
// information: type-aware rules cost minutes on CI's 2 cores and `npm run typecheck` already runs tsc.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CODE = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.mjs', '**/*.cjs', '**/*.js'];
/** Where imports are looked for by import-x/no-unused-modules. */
const SOURCES = ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts', 'apps/*/src/**/*.ts', 'apps/*/test/**/*.ts', 'tools/**/*.{ts,mjs}', 'bench/**/*.{ts,mjs}', 'examples/**/*.{ts,mjs}'];
/** Modules whose exports are for the outside: nothing here imports them. */
const ENTRIES = [
  'packages/*/src/index.ts',
  'apps/cli/src/main.ts',
  'examples/**',
  'bench/workload/**',
  '**/*.d.ts',
  '**/*.d.mts',
  // The report page's modules are being rewritten as typed modules (issue 11); checked once that lands.
  'packages/reporter/src/html/browser/**',
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.go-heavy/**', '**/.nx/**', '**/coverage/**', '**/test/.tmp-*/**', 'bench/results/**', 'results/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: CODE,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json', 'apps/*/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      // An export nothing imports is dead code or a public API by accident. Entry points (package
      // indexes, commands, workflows, scripts) are exported to the outside and are listed in ENTRIES.
      'import-x/no-unused-modules': ['error', { unusedExports: true, ignoreUnusedTypeExports: true, src: SOURCES, ignoreExports: ENTRIES }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Code that runs in the report page, not in Node.
    files: ['packages/reporter/src/html/browser/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/test/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
