import { createPalette, type Palette } from './color.js';

/** Options shared by the report formatters. */
export interface FormatOptions {
  /** ANSI colour. Default false. The text is the same either way, escapes aside. */
  color?: boolean;
  /** No line is wider than this many columns. Default 100. */
  width?: number;
}

/** Default line width, when the caller knows nothing about the terminal. */
export const DEFAULT_WIDTH = 100;
// Below this, labels and values no longer fit side by side; lines are clipped instead.
const MIN_WIDTH = 20;

/** What every formatter works with once defaults are applied. */
export interface ResolvedFormat {
  palette: Palette;
  width: number;
}

/** Applies the defaults of {@link FormatOptions}. */
export function resolveFormat(options: FormatOptions = {}): ResolvedFormat {
  const width = Number.isFinite(options.width) ? Math.max(MIN_WIDTH, Math.floor(options.width as number)) : DEFAULT_WIDTH;
  return { palette: createPalette(options.color === true), width };
}
