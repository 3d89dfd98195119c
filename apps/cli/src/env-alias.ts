/**
 * f1's names for go-heavy's variables, so a team's f1 environment works unchanged. go-heavy's
 * own name wins when both are set (non-empty).
 */
const F1_ALIASES = {
  GO_HEAVY_PROMETHEUS_PUSHGATEWAY: 'PROMETHEUS_PUSH_GATEWAY',
  GO_HEAVY_LOG_FILE: 'LOG_FILE_PATH',
} as const;

/** The value of `name`, else of its f1 alias, with the variable it came from (for messages). */
export function envWithAlias(env: NodeJS.ProcessEnv, name: keyof typeof F1_ALIASES): { value: string | undefined; from: string } {
  const own = env[name];
  if (own !== undefined && own !== '') return { value: own, from: name };
  const alias = F1_ALIASES[name];
  const aliased = env[alias];
  if (aliased !== undefined && aliased !== '') return { value: aliased, from: alias };
  return { value: own, from: name };
}
