import { ConfigError } from '../src/config-error.js';
import { parsePercent } from '../src/load/parse-percent.js';
import { parseRate, readRate } from '../src/load/parse-rate.js';
import { parseStages, stagesLevel } from '../src/load/parse-stages.js';
import { parseWholeNumber } from '../src/load/whole-number.js';

/** The message a call throws, failing the test when it throws nothing or not a ConfigError. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseRate', () => {
  it.each([
    ['100', 100],
    ['100/s', 100],
    ['600/m', 10],
    ['3600/h', 1],
    ['0.5/s', 0.5],
    [' 20/s ', 20],
    [250, 250],
    [0.25, 0.25],
  ])('reads %p as %p per second', (input, perSecond) => {
    expect(parseRate(input, '--rate')).toBeCloseTo(perSecond, 12);
  });

  it.each([
    ['-1', '"-1"'],
    ['0', '"0"'],
    ['abc', '"abc"'],
    ['10/x', '"10/x"'],
    ['10/', '"10/"'],
    ['/s', '"/s"'],
    ['', '""'],
    [0, '0'],
    [-5, '-5'],
    [Number.NaN, 'NaN'],
    [true, 'true'],
  ])('rejects %p naming the flag and the value', (input, got) => {
    expect(messageOf(() => parseRate(input, '--rate'))).toBe(`--rate: expected a rate like 100, 100/s or 600/m, got ${got}`);
  });

  it('readRate accepts zero (a stage target) but not negatives', () => {
    expect(readRate('0/s')).toBe(0);
    expect(readRate(-1)).toBeNull();
    expect(readRate('1e3')).toBeNull();
  });
});

describe('parseStages', () => {
  it('reads user stages from 0', () => {
    expect(parseStages('10s:50,30s:200,10s:0', '--stages')).toEqual([
      { durationMs: 10_000, target: 50 },
      { durationMs: 30_000, target: 200 },
      { durationMs: 10_000, target: 0 },
    ]);
  });

  it('accepts spaces, steps of 0s and minutes', () => {
    expect(parseStages(' 1m30s : 5 , 0s:10 ', '--stages')).toEqual([
      { durationMs: 90_000, target: 5 },
      { durationMs: 0, target: 10 },
    ]);
  });

  it('reads rate targets with units as iterations per second, plain numbers per second', () => {
    expect(stagesLevel('10s:50/s,1m:600/m,10s:0')).toBe('rate');
    expect(parseStages('10s:50/s,1m:600/m,10s:0', '--stages')).toEqual([
      { durationMs: 10_000, target: 50 },
      { durationMs: 60_000, target: 10 },
      { durationMs: 10_000, target: 0 },
    ]);
    expect(parseStages('10s:2.5', '--stages', 'rate')).toEqual([{ durationMs: 10_000, target: 2.5 }]);
  });

  it('reads lists of strings or of { duration, target } (from a file)', () => {
    expect(stagesLevel(['10s:50', '5s:0'])).toBe('users');
    expect(parseStages(['10s:50', { duration: '5s', target: 0 }], 'profile.yaml:3: stages')).toEqual([
      { durationMs: 10_000, target: 50 },
      { durationMs: 5000, target: 0 },
    ]);
    expect(stagesLevel([{ duration: '5s', target: '20/s' }])).toBe('rate');
  });

  it('names the bad part and says what was expected', () => {
    expect(messageOf(() => parseStages('10s:50,x', '--stages'))).toBe('--stages: part 2 "x": expected duration:target like 30s:200');
    expect(messageOf(() => parseStages('x', '--stages'))).toBe('--stages: part 1 "x": expected duration:target like 30s:200');
    expect(messageOf(() => parseStages('10x:5', '--stages'))).toBe('--stages: part 1 "10x:5": expected duration:target like 30s:200');
    expect(messageOf(() => parseStages('10s:1:2', '--stages'))).toBe('--stages: part 1 "10s:1:2": expected duration:target like 30s:200');
  });

  it('rejects user targets that are not whole numbers >= 0', () => {
    for (const target of ['-5', '2.5', 'many']) {
      expect(messageOf(() => parseStages(`10s:${target}`, '--stages'))).toBe(`--stages: part 1 "10s:${target}": expected the target to be a whole number of users >= 0`);
    }
  });

  it('rejects rate targets that are not rates >= 0', () => {
    expect(messageOf(() => parseStages('10s:5/s,10s:-1/s', '--stages'))).toBe('--stages: part 2 "10s:-1/s": expected the target to be a rate >= 0 like 50, 50/s or 600/m');
    expect(messageOf(() => parseStages('10s:5/x', '--stages', 'rate'))).toMatch(/part 1 "10s:5\/x": expected the target to be a rate/);
  });

  it('rejects users and rates mixed in one list, a 0 fitting either', () => {
    const expected = 'expected every target as users (like 10s:50) or every one as a rate (like 10s:50/s)';
    expect(messageOf(() => parseStages('5s:10,5s:10/s', '--stages'))).toBe(`--stages: part 1 "5s:10" is a number of users and part 2 "5s:10/s" a rate: ${expected}`);
    expect(messageOf(() => parseStages(['10s:5/s', { duration: '5s', target: 3 }], 'f:2: stages'))).toBe(
      `f:2: stages: part 2 {"duration":"5s","target":3} is a number of users and part 1 "10s:5/s" a rate: ${expected}`,
    );
    expect(parseStages('0s:0,10s:20/s,5s:0', '--stages')).toEqual([
      { durationMs: 0, target: 0 },
      { durationMs: 10_000, target: 20 },
      { durationMs: 5000, target: 0 },
    ]);
  });

  it('reports every bad part at once, one per line', () => {
    expect(messageOf(() => parseStages('x,10s:5,y:1,10s:z', '--stages')).split('\n')).toEqual([
      '--stages: part 1 "x": expected duration:target like 30s:200',
      '--stages: part 3 "y:1": expected duration:target like 30s:200',
      '--stages: part 4 "10s:z": expected the target to be a whole number of users >= 0',
    ]);
  });

  it.each([[''], ['  '], [42], [null], [{ a: 1 }], [[]]])('rejects %p as a whole', (input) => {
    expect(messageOf(() => parseStages(input, '--stages'))).toMatch(/^--stages: expected stages like 10s:50,30s:200,10s:0, got /);
  });

  it('rejects objects with other keys', () => {
    expect(messageOf(() => parseStages([{ duration: '5s', target: 1, extra: 2 }], 'f:2: stages'))).toBe(
      'f:2: stages: part 1 {"duration":"5s","target":1,"extra":2}: expected duration:target like 30s:200',
    );
  });
});

describe('parsePercent', () => {
  it.each([
    ['20%', 0.2],
    ['0.2', 0.2],
    [0.2, 0.2],
    ['0%', 0],
    ['100%', 1],
    ['1', 1],
    ['.5', 0.5],
    ['12.5%', 0.125],
    [0, 0],
  ])('reads %p as %p', (input, fraction) => {
    expect(parsePercent(input, '--jitter')).toBeCloseTo(fraction, 12);
  });

  it.each([
    ['150%', '"150%"'],
    ['20', '"20"'],
    ['-0.1', '"-0.1"'],
    [1.5, '1.5'],
    ['abc', '"abc"'],
    ['%', '"%"'],
    [null, 'null'],
  ])('rejects %p', (input, got) => {
    expect(messageOf(() => parsePercent(input, '--jitter'))).toBe(`--jitter: expected a fraction from 0 to 1 or a percentage like 20%, got ${got}`);
  });
});

describe('parseWholeNumber', () => {
  it('reads numbers and digit strings', () => {
    expect(parseWholeNumber('5', '--users')).toBe(5);
    expect(parseWholeNumber(12, '--users')).toBe(12);
    expect(parseWholeNumber('0', '--x', 0)).toBe(0);
  });

  it.each([
    ['0', '"0"'],
    ['-1', '"-1"'],
    ['2.5', '"2.5"'],
    [2.5, '2.5'],
    ['five', '"five"'],
    [null, 'null'],
    [undefined, 'nothing'],
  ])('rejects %p', (input, got) => {
    expect(messageOf(() => parseWholeNumber(input, '--users'))).toBe(`--users: expected a whole number >= 1, got ${got}`);
  });
});
