/** Where the think-time util goes, relative to the project root; the sample workflow imports it. */
export const UTILS_THINK_TIME_FILE = 'utils/think-time.ts';

/** What the sample workflow imports from {@link UTILS_THINK_TIME_FILE}. */
export const UTILS_THINK_TIME_EXPORT = 'export function thinkTime';

/** `utils/think-time.ts`: a small util with no go-heavy in it, as a team's utils/ holds. */
export function thinkTimeSource(): string {
  return `/**
 * A pause of \`minMs\` to \`maxMs\` milliseconds, at random: real users do not click at a fixed
 * pace, and a fixed one lines every user up on the same beat. Pass it to \`ctx.sleep\`.
 */
export function thinkTime(minMs: number, maxMs: number): number {
  return minMs + Math.floor(Math.random() * (maxMs - minMs + 1));
}
`;
}
