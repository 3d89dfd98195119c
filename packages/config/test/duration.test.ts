import { formatDuration, parseDuration, ConfigError } from '@go-heavy/config';

describe('parseDuration', () => {
  it.each([
    ['10s', 10_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1.5s', 1500],
    [' 3s ', 3000],
    [250, 250],
    ['0', 0],
    [' 0 ', 0],
    ['0s', 0],
    [0, 0],
  ])('reads %p as %p ms', (input, ms) => {
    expect(parseDuration(input, '--duration')).toBe(ms);
  });

  it.each(['abc', '10', '10 s', 's', '', '1x', '-5s', '5s3'])('rejects %p naming the flag', (input) => {
    expect(() => parseDuration(input, '--duration')).toThrow(ConfigError);
    expect(() => parseDuration(input, '--duration')).toThrow(/^--duration: expected a duration like 10s/);
  });

  it('says a bare number other than 0 needs a unit', () => {
    expect(() => parseDuration('10', '--warmup')).toThrow('--warmup: expected a duration like 10s, 500ms or 1m30s, got "10" (a number other than 0 needs a unit)');
  });

  it('round-trips through formatDuration', () => {
    for (const ms of [250, 1000, 90_000, 3_600_000, 3_725_000]) {
      expect(parseDuration(formatDuration(ms), 'x')).toBe(ms);
    }
    expect(formatDuration(90_000)).toBe('1m30s');
  });
});
