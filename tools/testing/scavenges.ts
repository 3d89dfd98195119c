import { PerformanceObserver, constants } from 'node:perf_hooks';

/**
 * Minor (young-generation) collections while `fn` runs: a proxy for allocation on a hot path,
 * for tests that a loop of millions of calls allocates nothing (a few bytes per call would make
 * several collections).
 */
export async function scavengesDuring(fn: () => void): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) count++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  await new Promise((resolve) => setTimeout(resolve, 20));
  count = 0;
  fn();
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return count;
}
