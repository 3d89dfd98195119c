import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@go-heavy/config';
import { makeFolders, reason, statIfAny } from '../make-folders.js';

/** One thing a scaffold does to one file, decided before anything is written. */
export type PlannedStep =
  | { kind: 'create' | 'overwrite'; file: string; content: string }
  /** An additive edit of an existing file (package.json dependencies, .gitignore lines). */
  | { kind: 'add'; file: string; content: string; note: string }
  | { kind: 'keep'; file: string; note: string };

const VERBS: Record<PlannedStep['kind'], string> = { create: 'created', overwrite: 'overwrote', add: 'added', keep: 'kept' };

/**
 * The files a scaffold writes under `root`, planned first and written only once every one of them
 * is known to be possible: a bad path is one line and nothing half-written. Existing files are
 * kept unless `force`; every step is reported.
 */
export class FilePlan {
  readonly steps: PlannedStep[] = [];

  constructor(
    readonly root: string,
    readonly force: boolean,
  ) {}

  /** A file written from a template: created when missing, overwritten with `force`, else kept. */
  template(file: string, content: string): void {
    const existing = this.read(file);
    if (existing === undefined) this.steps.push({ kind: 'create', file, content });
    else if (existing === content) this.steps.push({ kind: 'keep', file, note: 'already as go-heavy writes it' });
    else if (this.force) this.steps.push({ kind: 'overwrite', file, content });
    else this.steps.push({ kind: 'keep', file, note: 'it exists, with other content (--force overwrites it)' });
  }

  /** An additive edit; a `note` such as `.env, .go-heavy/ to .gitignore` says what was added. */
  add(file: string, content: string, note: string): void {
    this.steps.push({ kind: 'add', file, content, note });
  }

  keep(file: string, note: string): void {
    this.steps.push({ kind: 'keep', file, note });
  }

  /** What `file` (relative to the root) holds now, or undefined when there is none; a folder there is an error. */
  read(file: string): string | undefined {
    const full = path.join(this.root, file);
    this.checkParents(file);
    const info = statIfAny(full);
    if (info === undefined) return undefined;
    if (!info.isFile()) throw new ConfigError(`${this.display(file)}: is a folder, where go-heavy writes a file: move it away`);
    try {
      return readFileSync(full, 'utf8');
    } catch (err) {
      throw new ConfigError(`${this.display(file)}: cannot read it: ${reason(err)}`);
    }
  }

  /** What `file` will hold once the plan is applied. */
  contentAfter(file: string): string | undefined {
    const step = this.steps.findLast((s) => s.file === file);
    return step && step.kind !== 'keep' ? step.content : this.read(file);
  }

  /** Writes the planned files, creating folders as needed. */
  apply(): void {
    for (const step of this.steps) {
      if (step.kind === 'keep') continue;
      const full = path.join(this.root, step.file);
      try {
        makeFolders(path.dirname(full));
        writeFileSync(full, step.content);
      } catch (err) {
        const why = (err as NodeJS.ErrnoException).code === undefined && err instanceof Error ? err.message : reason(err);
        throw new ConfigError(`cannot write ${this.display(step.file)}: ${why}`);
      }
    }
  }

  /**
   * One line per step: `created   services/shop/heavy.config.ts`, the path relative to the root
   * (`init` names the root above), or as {@link display} shows it with `fromCwd`.
   */
  report(fromCwd = false): string[] {
    return this.steps.map((s) => `  ${VERBS[s.kind].padEnd(9)} ${s.kind === 'add' ? s.note : fromCwd ? this.display(s.file) : s.file}${s.kind === 'keep' ? `: ${s.note}` : ''}`);
  }

  /** `file` as the user reads it: relative to the current folder when inside it, else absolute. */
  display(file: string): string {
    const full = path.join(this.root, file);
    const relative = path.relative(process.cwd(), full);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : full;
  }

  /** A file where a folder of the path should be is an error (`services` written as a file). */
  private checkParents(file: string): void {
    const parts = file.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const info = statIfAny(path.join(this.root, dir));
      if (info === undefined) return;
      if (!info.isDirectory()) throw new ConfigError(`${this.display(dir)}: is a file, where go-heavy needs a folder for ${file}: move it away`);
    }
  }
}
