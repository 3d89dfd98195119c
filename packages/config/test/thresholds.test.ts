import { ConfigError, readThresholds } from '@go-heavy/config';

describe('readThresholds', () => {
  it('adds up the config files and the flags, with abortOnFail from objects', () => {
    const layers = [
      { source: 'heavy.config.ts: ', config: { thresholds: ['shop/buy p95 < 300ms'] } },
      { source: 'services/shop/heavy.config.ts: ', config: { thresholds: [{ expr: 'shop/buy error-rate < 1%', abortOnFail: true }] } },
    ];
    const out = readThresholds(layers, ['* dropped == 0']);
    expect(out.map((t) => [t.expr, t.abortOnFail])).toEqual([
      ['shop/buy p95 < 300ms', false],
      ['shop/buy error-rate < 1%', true],
      ['* dropped == 0', false],
    ]);
  });

  it('reports every malformed threshold at once, naming where it was written', () => {
    const layers = [{ source: 'services/shop/heavy.config.ts: ', config: { thresholds: ['shop/buy p33 < 1ms', { expr: 'shop/buy p95 < 1s', abort: true }, 42] } }];
    const err = (() => {
      try {
        readThresholds(layers, ['p95 < 1ms']);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message.split('\n')).toEqual([
      expect.stringMatching(/^services\/shop\/heavy\.config\.ts: thresholds\[0\]: threshold "shop\/buy p33 < 1ms": unknown stat "p33"/),
      expect.stringMatching(/^services\/shop\/heavy\.config\.ts: thresholds\[1\]: unknown key "abort": expected expr and abortOnFail$/),
      expect.stringMatching(/^services\/shop\/heavy\.config\.ts: thresholds\[2\]: expected "<workflow> <stat> <op> <value>" or \{ expr, abortOnFail \}, got 42$/),
      expect.stringMatching(/^--threshold: threshold "p95 < 1ms": p95 needs a workflow, step or request/),
    ]);
  });
});
