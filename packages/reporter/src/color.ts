/** A function that wraps text in one style. Identity when colour is off. */
export type Paint = (text: string) => string;

/** The few styles the reports use. Every member is the identity when colour is off. */
export interface Palette {
  readonly enabled: boolean;
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
}

// Each style closes with its own reset code (not `0`) so styles can nest.
const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`;

const identity: Paint = (text) => text;

const COLORED: Palette = {
  enabled: true,
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  red: ansi(31, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  cyan: ansi(36, 39),
};

const PLAIN: Palette = {
  enabled: false,
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};

/** The ANSI palette when `enabled`, otherwise a palette of identity functions. */
export function createPalette(enabled: boolean): Palette {
  return enabled ? COLORED : PLAIN;
}

/** Matches the SGR escape sequences this package emits (and other CSI sequences). */
export const ANSI_PATTERN = /\u001b\[[0-9;]*[A-Za-z]/g; // eslint-disable-line no-control-regex -- matches ANSI escape sequences on purpose

/** `text` without ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}
