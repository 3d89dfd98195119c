/**
 * What a go-heavy project keeps out of git: local env overrides (secrets live there), go-heavy's
 * compile cache and history, and installed packages.
 */
export const GITIGNORE_ENTRIES = ['.env', '.go-heavy/', 'node_modules/'] as const;

/** A .gitignore line as git matches it here: `/x/`, `x/` and `x` name the same thing for our entries. */
function normalize(line: string): string {
  return line.trim().replace(/^\//, '').replace(/\/$/, '');
}

/** What appending the missing entries to a .gitignore gives; `text` undefined when there is none yet. */
export function mergeGitignore(text: string | undefined): { text: string; added: string[] } {
  const present = new Set((text ?? '').split(/\r?\n/).map(normalize));
  const added = GITIGNORE_ENTRIES.filter((entry) => !present.has(normalize(entry)));
  if (text === undefined) return { text: `${GITIGNORE_ENTRIES.join('\n')}\n`, added: [...GITIGNORE_ENTRIES] };
  if (added.length === 0) return { text, added: [] };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  return { text: `${text}${separator}# go-heavy${eol}${added.join(eol)}${eol}`, added };
}
