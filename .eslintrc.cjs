// Not our ESLint config (that is eslint.config.mjs): import-x/no-unused-modules still lists files
// the legacy way under flat config and reads only these ignores (import-js/eslint-plugin-import#3079).
module.exports = { root: true, ignorePatterns: ['**/dist/**', '**/node_modules/**', '**/.go-heavy/**', '**/.nx/**', '**/coverage/**'] };
