/** The store's tables. Bump {@link SCHEMA_VERSION} and add a migration when they change. */
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  test_id TEXT NOT NULL UNIQUE,
  service TEXT NOT NULL,
  started_at TEXT NOT NULL,
  duration_ms REAL NOT NULL,
  git_commit TEXT,
  tags TEXT NOT NULL,
  model TEXT NOT NULL,
  requests INTEGER NOT NULL,
  succeeded INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  interrupted INTEGER NOT NULL,
  dropped INTEGER NOT NULL,
  stopped_early INTEGER NOT NULL,
  thresholds_failed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_service ON runs (service, started_at);
CREATE TABLE IF NOT EXISTS stats (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  level TEXT NOT NULL,
  workflow TEXT NOT NULL,
  step TEXT NOT NULL,
  method TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  runs INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  rate REAL NOT NULL,
  min REAL NOT NULL,
  mean REAL NOT NULL,
  p50 REAL NOT NULL,
  p90 REAL NOT NULL,
  p95 REAL NOT NULL,
  p99 REAL NOT NULL,
  max REAL NOT NULL,
  error_rate REAL NOT NULL,
  PRIMARY KEY (run_id, level, workflow, step, method, endpoint)
);
CREATE INDEX IF NOT EXISTS stats_series ON stats (workflow, level, step, method, endpoint);
`;
