import { createRequire } from 'node:module';
import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.preset';

const { browserBundlesModule } = createRequire(__filename)('./scripts/browser-bundles.cjs') as { browserBundlesModule(): string };

export default defineConfig({
  ...libraryBuild,
  esbuildPlugins: [
    {
      // `./browser-bundles.js` has only a declaration in src: here it becomes the pages'
      // scripts, bundled from src/html/browser/*.ts (see scripts/browser-bundles.cjs).
      name: 'go-heavy-browser-bundles',
      setup(build) {
        build.onResolve({ filter: /(^|\/)browser-bundles\.js$/ }, () => ({ path: 'browser-bundles', namespace: 'go-heavy-browser' }));
        build.onLoad({ filter: /.*/, namespace: 'go-heavy-browser' }, () => ({ contents: browserBundlesModule(), loader: 'js' }));
      },
    },
  ],
});
