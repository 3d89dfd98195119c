/** Where the shared check helper goes, relative to the project root; the sample workflows import it. */
export const COMMON_CHECKS_FILE = 'common/checks.ts';

/** What the sample workflows import from {@link COMMON_CHECKS_FILE}. */
export const COMMON_CHECKS_EXPORT = 'export function expectStatus';

/** `common/checks.ts`: a check helper every team writes sooner or later, shared by all services. */
export function commonChecksSource(): string {
  return `import type { HttpResponse, WorkflowContext } from '@go-heavy/core';

// Helpers shared by every service's workflows. A file without a default export is not a
// workflow: go-heavy never runs it on its own.

/**
 * Checks that \`res\` has the \`expected\` status, as a check named \`<what> is <status>\`, so every
 * workflow names its checks alike in the report. Returns whether it passed: a failed check fails
 * the step and the iteration, and the iteration goes on.
 */
export function expectStatus(ctx: Pick<WorkflowContext, 'check'>, res: HttpResponse, expected: number, what: string): boolean {
  return ctx.check(res.status === expected, \`\${what} is \${expected}\`);
}
`;
}
