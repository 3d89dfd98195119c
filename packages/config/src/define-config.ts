/**
 * What `heavy.config.ts` may set for a service (or, at the root, for every service). Flags win
 * over the file. Durations are strings such as `10s` or numbers of milliseconds.
 */
export interface HeavyConfig {
  /** Closed model: users per workflow, each running iterations back to back. */
  users?: number;
  /** Length of the measured phase. */
  duration?: string | number;
  /** Iterations per workflow; the run ends at whichever of duration and iterations comes first. */
  iterations?: number;
  /** Warm-up before the measured phase, kept out of the statistics. Default 2s for duration runs. */
  warmup?: string | number;
  /** How long running iterations may finish after the end. Default 30s. */
  gracefulStop?: string | number;
  /** Per-request timeout. Default 30s. */
  timeout?: string | number;
}

/** The keys a config file may hold, for validation messages. */
export const CONFIG_KEYS: ReadonlyArray<keyof HeavyConfig> = ['users', 'duration', 'iterations', 'warmup', 'gracefulStop', 'timeout'];

/** Types a `heavy.config.ts` default export. Returns its argument; validation happens on load. */
export function defineConfig(config: HeavyConfig): HeavyConfig {
  return config;
}
