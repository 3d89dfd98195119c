import { formatDuration, formatDurationCompact } from '../src/format-duration.js';

describe('formatDuration', () => {
  test.each([
    [0.0004, '0 µs'],
    [0.85, '850 µs'],
    [0.9994, '999 µs'],
    [0.9996, '1.00 ms'], // rounds up into the next unit rather than "1000 µs"
    [4.123, '4.12 ms'],
    [9.996, '10.0 ms'],
    [41.24, '41.2 ms'],
    [412.4, '412 ms'],
    [999.6, '1.00 s'],
    [1234.5, '1.23 s'],
    [10016.4, '10.02 s'],
    [59999, '1 m 00 s'],
    [125_000, '2 m 05 s'],
    [3_723_000, '1 h 02 m 03 s'],
  ])('%p ms reads %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test('zero and impossible values', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(Number.NaN)).toBe('-');
    expect(formatDuration(-1)).toBe('-');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('-');
  });

  test('trim drops trailing zeros, for round bucket bounds', () => {
    expect(formatDuration(5, { trim: true })).toBe('5 ms');
    expect(formatDuration(2.5, { trim: true })).toBe('2.5 ms');
    expect(formatDuration(2000, { trim: true })).toBe('2 s');
    expect(formatDuration(10000, { trim: true })).toBe('10 s');
    expect(formatDuration(500, { trim: true })).toBe('500 ms');
    expect(formatDuration(0.5, { trim: true })).toBe('500 µs');
  });
});

describe('formatDurationCompact', () => {
  test.each([
    [0.42, '420µs'],
    [4.12, '4.1ms'],
    [9.97, '10ms'],
    [21.3, '21ms'],
    [88, '88ms'],
    [999.7, '1.0s'],
    [1234, '1.2s'],
  ])('%p ms reads %p', (ms, text) => {
    expect(formatDurationCompact(ms)).toBe(text);
  });

  test('impossible values', () => {
    expect(formatDurationCompact(Number.NaN)).toBe('-');
  });
});
