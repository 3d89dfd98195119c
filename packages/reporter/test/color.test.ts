import { createPalette, stripAnsi } from '../src/color.js';

const STYLES = ['bold', 'dim', 'red', 'green', 'yellow', 'cyan'] as const;

describe('createPalette', () => {
  test('off: every style is the identity', () => {
    const p = createPalette(false);
    expect(p.enabled).toBe(false);
    for (const style of STYLES) expect(p[style]('4.12 ms')).toBe('4.12 ms');
  });

  test('on: every style wraps the text in an escape and its own reset', () => {
    const p = createPalette(true);
    expect(p.enabled).toBe(true);
    for (const style of STYLES) {
      const painted = p[style]('4.12 ms');
      expect(painted).toMatch(/^\u001b\[\d+m4\.12 ms\u001b\[\d+m$/); // eslint-disable-line no-control-regex -- matches ANSI escape sequences on purpose
      expect(stripAnsi(painted)).toBe('4.12 ms');
    }
    expect(p.red('x')).toBe('\u001b[31mx\u001b[39m');
  });

  test('on: styles nest and strip back to the text', () => {
    const p = createPalette(true);
    const nested = p.bold(`a ${p.red('b')} c`);
    expect(nested).not.toBe('a b c');
    expect(stripAnsi(nested)).toBe('a b c');
  });

  test('on: empty text stays empty (no stray escapes)', () => {
    expect(createPalette(true).green('')).toBe('');
  });
});
