import { prometheusReporter } from '../src/index.js';
import { parseExposition, select, valueOf, type Sample } from './helpers/exposition.js';
import { startPushgateway, type RunningPushgateway } from './helpers/pushgateway.js';
import { shopResultWithCustomMetrics } from './helpers/run-result-fixture.js';

describe('custom metrics and request tags pushed to a real prometheus-pushgateway', () => {
  let gateway: RunningPushgateway;
  let samples: Sample[];
  const result = shopResultWithCustomMetrics('run-tags');
  const at = { job: 'go-heavy-shop' };

  beforeAll(async () => {
    gateway = await startPushgateway(10_000);
    const reporter = prometheusReporter({ pushgateway: gateway.address, service: 'shop', warn: jest.fn() });
    await reporter.onEnd(result);
    await reporter.close();
    expect(reporter.pushStats()).toEqual({ attempted: 1, succeeded: 1, failed: 0 });
    samples = parseExposition(await gateway.metrics()).filter((s) => s.name.startsWith('go_heavy_') && s.labels.job === 'go-heavy-shop');
  }, 20_000);
  afterAll(async () => {
    await gateway?.stop();
  }, 10_000);

  it('exports counters per step, summing to the workflow total', () => {
    const counter = (labels: Record<string, string>) => select(samples, 'go_heavy_custom_counter_total', { ...at, ...labels });
    expect(valueOf(samples, 'go_heavy_custom_counter_total', { ...at, workflow: 'shop/browse', step: 'list', metric: 'pages seen' })).toBe(1200);
    expect(valueOf(samples, 'go_heavy_custom_counter_total', { ...at, workflow: 'shop/browse', step: 'detail', metric: 'pages seen' })).toBe(1150.5);
    expect(counter({ workflow: 'shop/browse', metric: 'pages seen' }).reduce((a, s) => a + s.value, 0)).toBe(2350.5);
    expect(valueOf(samples, 'go_heavy_custom_counter_total', { ...at, workflow: 'shop/checkout', step: '(init)', metric: 'logins' })).toBe(1);
  });

  it('exports rates as counts by result and the ratio per level', () => {
    const labels = { ...at, workflow: 'shop/browse', step: 'detail', metric: 'in stock' };
    expect(valueOf(samples, 'go_heavy_custom_rate_total', { ...labels, result: 'true' })).toBe(900);
    expect(valueOf(samples, 'go_heavy_custom_rate_total', { ...labels, result: 'false' })).toBe(300);
    expect(valueOf(samples, 'go_heavy_custom_rate_ratio', { ...labels, level: 'step' })).toBe(0.75);
    expect(valueOf(samples, 'go_heavy_custom_rate_ratio', { ...at, level: 'workflow', workflow: 'shop/browse', step: '', metric: 'in stock' })).toBe(0.75);
  });

  it('exports trends as quantiles and a count per level', () => {
    for (const level of ['workflow', 'step']) {
      const labels = { ...at, level, workflow: 'shop/browse', step: level === 'step' ? 'detail' : '', metric: 'reviews per product' };
      for (const [quantile, value] of [
        ['0.5', 10],
        ['0.9', 22],
        ['0.95', 30],
        ['0.99', 44],
        ['1', 48],
      ] as const) {
        expect(valueOf(samples, 'go_heavy_custom_trend', { ...labels, quantile })).toBe(value);
      }
      expect(valueOf(samples, 'go_heavy_custom_trend_count', labels)).toBe(1200);
    }
  });

  it('exports request tags as labels, a tag named like a go-heavy label as tag_<key>, untagged series without them', () => {
    const requests = (labels: Record<string, string>) => select(samples, 'go_heavy_requests_total', { ...at, workflow: 'shop/browse', step: 'list', request: 'GET /products', ...labels });
    const total = (list: Sample[]) => list.reduce((a, s) => a + s.value, 0);
    expect(total(requests({ kind: 'list', tag_level: '' }))).toBe(40);
    expect(total(requests({ kind: 'list', tag_level: '2' }))).toBe(10);
    expect(total(requests({ kind: '' }))).toBe(1200);
    expect(select(samples, 'go_heavy_latency_ms', { ...at, level: 'request', step: 'list', kind: 'list', tag_level: '2', quantile: '0.95' })).toHaveLength(1);
    // Every request counted once across all series.
    expect(total(select(samples, 'go_heavy_requests_total', at))).toBe(result.summary.requests);
  });
});
