/** `services/<service>/heavy.config.ts`: a small, short load to start with; flags override it. */
export function serviceConfigSource(service: string, workflow: string): string {
  return `import { defineConfig } from '@go-heavy/config';

// Defaults for \`npx go-heavy run ${service}\`: flags such as --users and --duration override them.
export default defineConfig({
  users: 2,
  duration: '10s',
  // Pass/fail criteria: a failed one makes the run exit with 99 (for CI), e.g.
  // thresholds: ['${service}/${workflow} p95 < 500ms', '${service}/${workflow} error-rate < 1%'],
});
`;
}

/** `services/<service>/env.default`: the committed variables, BASE_URL first. */
export function envDefaultSource(service: string, baseUrl: string): string {
  return `# Committed defaults for the ${service} service. Put local overrides in .env beside this file
# (not committed); variables set in the environment win over both.
BASE_URL=${baseUrl}
`;
}
