/**
 * The pages' browser code, bundled from `./browser/*.ts` by esbuild at build time (see
 * scripts/browser-bundles.cjs): there is no `browser-bundles.ts`; the build (tsup.config.ts) and
 * jest (jest.preset.cjs) each provide this module.
 */
/** The report's script: reads `#go-heavy-data`, draws `#go-heavy-report`, sets `window.goHeavy`. */
export declare const REPORT_SCRIPT: string;
/** The dashboard's second script: Server-Sent Events, the Stop button and the status line. */
export declare const LIVE_SCRIPT: string;
/** The trend page's script. */
export declare const TREND_SCRIPT: string;
/** The diff page's script (`go-heavy diff --html`). */
export declare const DIFF_SCRIPT: string;
