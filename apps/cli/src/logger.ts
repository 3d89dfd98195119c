import { pino, type Logger } from 'pino';

/**
 * The tool's own log (not the report): to stderr, warnings and above unless
 * GO_HEAVY_LOG_LEVEL asks for more.
 */
export function createLogger(): Logger {
  const level = process.env.GO_HEAVY_LOG_LEVEL ?? 'warn';
  return pino({ name: 'go-heavy', level, base: undefined }, pino.destination({ fd: 2, sync: true }));
}
