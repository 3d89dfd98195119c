// Bundles the pages' browser code (src/html/browser/*.ts) into the inline scripts the Node side
// embeds: one self-contained IIFE per page. Used by the build (tsup.config.ts resolves the
// module `./browser-bundles.js` to them) and by jest (jest.preset.cjs maps that module to
// ./browser-bundles-module.cjs), so the tests render the same scripts the package ships.
const path = require('node:path');
const { buildSync } = require('esbuild');

const BROWSER = path.join(__dirname, '../src/html/browser');

/** The entry of each page's script, by the name `src/html/browser-bundles.d.ts` exports. */
const ENTRIES = { REPORT_SCRIPT: 'report.ts', LIVE_SCRIPT: 'live.ts', TREND_SCRIPT: 'trend-page.ts', DIFF_SCRIPT: 'diff-page.ts' };

/** `{ REPORT_SCRIPT, LIVE_SCRIPT, TREND_SCRIPT, DIFF_SCRIPT }`: each page's script as text. */
function bundleBrowserScripts() {
  const scripts = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const out = buildSync({
      entryPoints: [path.join(BROWSER, entry)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
    });
    scripts[name] = out.outputFiles[0].text;
  }
  return scripts;
}

/** The same as an ES module's source, for the build's virtual module. */
function browserBundlesModule() {
  return Object.entries(bundleBrowserScripts())
    .map(([name, text]) => `export const ${name} = ${JSON.stringify(text)};`)
    .join('\n');
}

module.exports = { bundleBrowserScripts, browserBundlesModule };
