/** The first line of an error's message, trimmed, for one-line messages; its name when empty. */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n', 1)[0]!.trim() || (err instanceof Error ? err.name : 'error');
}
