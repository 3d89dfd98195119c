// Shared jest settings: TypeScript through SWC, workspace packages resolved to their sources
// so a test never depends on a stale build of a sibling.
const path = require('node:path');

const root = __dirname;
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.[cm]?tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    // The reporter's pages' scripts, bundled from their TypeScript as the build does.
    '^\\./browser-bundles\\.js$': path.join(root, 'packages/reporter/scripts/browser-bundles-module.cjs'),
    '^(\\.{1,2}/)+src/html/browser-bundles\\.js$': path.join(root, 'packages/reporter/scripts/browser-bundles-module.cjs'),
    '^@go-heavy/(core|http-client|metrics|reporter|config|history|prometheus|openapi|diff|notifications-redis)$': path.join(root, 'packages/$1/src/index.ts'),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 60000,
};
