// Property-based tests of the parsers every flag and config field goes through: for any input
// they return a finite value or throw a ConfigError naming the flag, never crash or yield NaN.
import fc from 'fast-check';
import { ConfigError, isConfigError } from '../src/config-error.js';
import { formatDuration, parseDuration, parsePositiveDuration } from '../src/duration.js';
import { parseRate, readRate } from '../src/load/parse-rate.js';
import { parseStages } from '../src/load/parse-stages.js';

/** Bounded so the suite stays fast on a slow, shared machine; the seed is printed on failure. */
const RUNS = { numRuns: 300 };

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof UNIT_MS;
const unit = fc.constantFrom<Unit>('ms', 's', 'm', 'h');

/** Digits as a user types them: a whole number, maybe with a fraction; its value alongside. */
const decimal = fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined })).map(([whole, fraction]) => {
  const text = fraction === undefined ? String(whole) : `${whole}.${fraction}`;
  return { text, value: Number(text) };
});

/** A valid duration such as `1m30s` or `2.5s500ms`, and the milliseconds it means. */
const duration = fc.array(fc.tuple(decimal, unit), { minLength: 1, maxLength: 4 }).map((parts) => ({
  text: parts.map(([n, u]) => `${n.text}${u}`).join(''),
  ms: parts.reduce((sum, [n, u]) => sum + n.value * UNIT_MS[u], 0),
}));

/** Strings built from the characters durations, rates and stages are made of, and some others. */
const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789.,:/smhx- e+%'.split('')), maxLength: 24 }),
  // Hundreds of digits: a number that reads as Infinity.
  fc.stringMatching(/^[1-9]\d{320,400}(s|ms|\/s)?$/),
);

/** Throws unless `fn` returns or throws a ConfigError whose message starts with `what`. */
function resultOrConfigError<T>(fn: () => T, what: string): T | ConfigError {
  try {
    return fn();
  } catch (err) {
    if (!isConfigError(err)) throw err;
    expect(err.message.startsWith(`${what}: `)).toBe(true);
    return err;
  }
}

describe('parseDuration (property-based)', () => {
  it('reads every valid duration to the sum of its parts', () => {
    fc.assert(
      fc.property(duration, fc.constantFrom('', ' ', '\t'), ({ text, ms }, pad) => {
        const parsed = parseDuration(`${pad}${text}${pad}`, '--duration');
        // Parts add in floating point: equal to a relative 1e-12.
        expect(Math.abs(parsed - ms)).toBeLessThanOrEqual(Math.max(ms, 1) * 1e-12);
      }),
      RUNS,
    );
  });

  it('format then parse gives back the same milliseconds, whole or fractional', () => {
    const ms = fc.oneof(fc.integer({ min: 0, max: 10 ** 12 }), fc.double({ min: 0, max: 10 ** 9, noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(ms, (value) => {
        const text = formatDuration(value);
        expect(text).toMatch(/^(\d+h)?(\d+m)?(\d+(\.\d+)?(s|ms))?$/);
        expect(parseDuration(text, 'x')).toBe(value);
      }),
      RUNS,
    );
  });

  it('format(parse(text)) reads back as the same duration', () => {
    fc.assert(
      fc.property(duration, ({ text }) => {
        const ms = parseDuration(text, 'x');
        expect(parseDuration(formatDuration(ms), 'x')).toBe(ms);
      }),
      RUNS,
    );
  });

  it('any other input is a ConfigError naming the flag, never NaN, Infinity or a crash', () => {
    const grammar = /^\s*(0+(\.0+)?|(\d+(\.\d+)?(ms|s|m|h))+)\s*$/;
    fc.assert(
      fc.property(fc.oneof(junk, fc.anything()), (input) => {
        const result = resultOrConfigError(() => parseDuration(input, '--warmup'), '--warmup');
        if (result instanceof ConfigError) return;
        expect(Number.isFinite(result)).toBe(true);
        expect(result).toBeGreaterThanOrEqual(0);
        // Only numbers and the grammar's strings are accepted.
        expect(typeof input === 'number' || (typeof input === 'string' && grammar.test(input))).toBe(true);
      }),
      RUNS,
    );
  });

  it('zero needs no unit; where zero is a mistake the message says what is expected', () => {
    fc.assert(
      fc.property(fc.constantFrom('0', ' 0 ', '00', '0.0', '0s', '0ms', '0m0s', 0), (zero) => {
        expect(parseDuration(zero, '--warmup')).toBe(0);
        expect(() => parsePositiveDuration(zero, '--timeout', 'why')).toThrow(/^--timeout: expected a duration above zero like 30s, got .*: why$/);
      }),
    );
  });
});

describe('parseRate (property-based)', () => {
  const SECONDS = { '': 1, '/s': 1, '/m': 60, '/h': 3600 } as const;
  const suffix = fc.constantFrom<keyof typeof SECONDS>('', '/s', '/m', '/h');

  it('reads every valid rate to iterations per second; zero is refused', () => {
    fc.assert(
      fc.property(decimal, suffix, (n, per) => {
        const text = `${n.text}${per}`;
        if (n.value === 0) {
          expect(() => parseRate(text, '--rate')).toThrow(/^--rate: expected a rate like 100, 100\/s or 600\/m, got "/);
          expect(readRate(text)).toBe(0);
          return;
        }
        expect(parseRate(text, '--rate')).toBe(n.value / SECONDS[per]);
      }),
      RUNS,
    );
  });

  it('numbers from a config file: finite and above zero, or a ConfigError', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        const result = resultOrConfigError(() => parseRate(n, 'rate'), 'rate');
        if (result instanceof ConfigError) expect(Number.isFinite(n) && n > 0).toBe(false);
        else expect(result).toBe(n);
      }),
      RUNS,
    );
  });

  it('any other input is a ConfigError naming the flag, never NaN, Infinity or a crash', () => {
    fc.assert(
      fc.property(fc.oneof(junk, fc.anything()), (input) => {
        const result = resultOrConfigError(() => parseRate(input, '--rate'), '--rate');
        if (result instanceof ConfigError) return;
        expect(Number.isFinite(result)).toBe(true);
        expect(result).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('parseStages (property-based)', () => {
  const stage = fc.record({ durationMs: fc.integer({ min: 0, max: 10 ** 8 }), target: fc.integer({ min: 0, max: 100_000 }) });
  const stages = fc.array(stage, { minLength: 1, maxLength: 8 });

  it('reads back stages written as users, in every form a user may write them', () => {
    fc.assert(
      fc.property(stages, fc.constantFrom(',', ', ', ' ,'), (list, comma) => {
        const text = list.map((s) => `${formatDuration(s.durationMs)}:${s.target}`).join(comma);
        expect(parseStages(text, '--stages')).toEqual(list);
        expect(
          parseStages(
            list.map((s) => `${formatDuration(s.durationMs)}:${s.target}`),
            'stages',
          ),
        ).toEqual(list);
        expect(
          parseStages(
            list.map((s) => ({ duration: formatDuration(s.durationMs), target: s.target })),
            'stages',
          ),
        ).toEqual(list);
      }),
      RUNS,
    );
  });

  it('reads back stages written as rates, per second or per minute', () => {
    fc.assert(
      fc.property(stages, fc.constantFrom('/s', '/m'), (list, per) => {
        const text = list.map((s) => `${formatDuration(s.durationMs)}:${s.target}${per}`).join(',');
        const parsed = parseStages(text, '--stages');
        expect(parsed.map((s) => s.durationMs)).toEqual(list.map((s) => s.durationMs));
        expect(parsed.map((s) => s.target)).toEqual(list.map((s) => (per === '/s' ? s.target : s.target / 60)));
      }),
      RUNS,
    );
  });

  it('names every bad part, one line each, and keeps the good ones quiet', () => {
    const bad = fc.constantFrom('x', '10s', ':5', '10s:', '10s:-1', '-5s:3', '10x:3', '1s:2:3', '10s:abc');
    const part = fc.oneof(
      stage.map((s) => ({ ok: true, text: `${formatDuration(s.durationMs)}:${s.target}` })),
      bad.map((text) => ({ ok: false, text })),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map((p) => p.text).join(',');
        const badParts = parts.flatMap((p, i) => (p.ok ? [] : [i + 1]));
        const result = resultOrConfigError(() => parseStages(text, '--stages', 'users'), '--stages');
        if (badParts.length === 0) {
          expect(result).not.toBeInstanceOf(ConfigError);
          return;
        }
        expect(result).toBeInstanceOf(ConfigError);
        const lines = (result as ConfigError).message.split('\n');
        expect(lines.map((l) => Number(/^--stages: part (\d+) /.exec(l)?.[1]))).toEqual(badParts);
      }),
      RUNS,
    );
  });

  it('any other input is a ConfigError naming the flag; what parses is finite and not negative', () => {
    fc.assert(
      fc.property(fc.oneof(junk, fc.anything(), fc.array(fc.oneof(junk, fc.anything()), { maxLength: 4 })), (input) => {
        const result = resultOrConfigError(() => parseStages(input, '--stages'), '--stages');
        if (result instanceof ConfigError) return;
        for (const s of result) {
          expect(Number.isFinite(s.durationMs) && s.durationMs >= 0).toBe(true);
          expect(Number.isFinite(s.target) && s.target >= 0).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
