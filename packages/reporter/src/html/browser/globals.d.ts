// What the pages' scripts expose on `window`: the report's renderer (the live dashboard calls
// `render` again with newer data), the trend page's, and the charts both use.
export {};

declare global {
  interface Window {
    goHeavy: {
      render?(result: unknown): void;
      renderTrends?(data: unknown): void;
      renderDiff?(diff: unknown): void;
      lineChart(spec: unknown): HTMLElement;
      barChart?(spec: unknown): HTMLElement;
    };
  }
}
