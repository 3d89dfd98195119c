import { clipBody, Redactor, utf8Prefix } from '../src/request-log/redactor.js';

describe('Redactor', () => {
  it('replaces credential headers whole, whatever their case, and secrets inside other values', () => {
    const r = new Redactor(['X-Api-Key'], ['hunter2']);
    expect(r.headers({ Authorization: 'Bearer x', COOKIE: 'a=1', 'set-cookie': ['a', 'b'], 'x-api-key': 'k', 'x-other': 'pw=hunter2;hunter2', skipped: undefined })).toEqual({
      Authorization: '[REDACTED]',
      COOKIE: '[REDACTED]',
      'set-cookie': '[REDACTED]',
      'x-api-key': '[REDACTED]',
      'x-other': 'pw=[REDACTED];[REDACTED]',
    });
  });

  it('replaces the longest secret first and ignores empty ones', () => {
    const r = new Redactor([], ['', 'abc', 'abcdef']);
    expect(r.text('xabcdefx abc')).toBe('x[REDACTED]x [REDACTED]');
    expect(new Redactor([], ['']).text('unchanged')).toBe('unchanged');
  });

  it('never cuts a secret in two', () => {
    const r = new Redactor([], ['SECRET']);
    expect(r.safeCut('abcSECRETdef', 5)).toBe(3);
    expect(r.safeCut('abcSECRETdef', 9)).toBe(9);
    expect(r.safeCut('abcSECRETdef', 3)).toBe(3);
    // Overlapping occurrences move the cut back again, and stop at 0.
    expect(new Redactor([], ['aa']).safeCut('aaaa', 3)).toBe(0);
  });
});

describe('clipBody', () => {
  const none = new Redactor();
  it('counts UTF-8 bytes and never splits a character', () => {
    expect(utf8Prefix('a€b', 3)).toBe(1);
    expect(utf8Prefix('a€b', 4)).toBe(2);
    expect(utf8Prefix('😀x', 3)).toBe(0);
    expect(utf8Prefix('😀x', 4)).toBe(2);
    expect(clipBody('héllo', 3, none)).toEqual({ text: 'hé', truncated: true });
    expect(clipBody('héllo', 6, none)).toEqual({ text: 'héllo', truncated: false });
  });

  it('decodes bytes, looking only at what the limit keeps', () => {
    const big = new Uint8Array(1_000_000).fill(0x61);
    expect(clipBody(big, 4, none)).toEqual({ text: 'aaaa', truncated: true });
    expect(clipBody(new TextEncoder().encode('tiny'), 4, none)).toEqual({ text: 'tiny', truncated: false });
  });

  it('redacts before the cut and leaves no part of a secret after it', () => {
    const r = new Redactor([], ['TOKEN']);
    expect(clipBody('a TOKEN b', 100, r)).toEqual({ text: 'a [REDACTED] b', truncated: false });
    expect(clipBody('ab TOKEN', 5, r)).toEqual({ text: 'ab ', truncated: true });
    expect(clipBody(new TextEncoder().encode('ab TOKEN'), 5, r)).toEqual({ text: 'ab ', truncated: true });
  });
});
