// What jest loads for `src/html/browser-bundles.js` (see jest.preset.cjs): bundled from source.
module.exports = require('./browser-bundles.cjs').bundleBrowserScripts();
