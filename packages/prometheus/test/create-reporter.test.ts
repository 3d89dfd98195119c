import createReporterDefault, { createReporter, prometheusReporter } from '../src/index.js';

const context = { apiVersion: 1, root: '/tmp', cwd: '/tmp' };

describe('createReporter (the plugin factory)', () => {
  it('is the default export and makes a prometheus reporter from heavy.config.ts options', async () => {
    expect(createReporterDefault).toBe(createReporter);
    const reporter = await createReporter({ pushgateway: 'localhost:9091', service: 'checkout', namespace: 'team-a', id: '7' }, context);
    expect(reporter.name).toBe('prometheus');
    expect((reporter as ReturnType<typeof prometheusReporter>).groupUrl).toBe('http://localhost:9091/metrics/job/go-heavy-checkout/namespace/team-a/id/7');
  });

  it('rejects, one line each, a foreign API version, unknown options and options of the wrong type', () => {
    expect(() => createReporter({ pushgateway: 'localhost:9091', service: 'x' }, { ...context, apiVersion: 2 })).toThrow(/written for go-heavy's reporter API version 1, this go-heavy offers 2/);
    expect(() => createReporter({ pushgateway: 'localhost:9091', service: 'x', interval: 5 } as never, context)).toThrow(
      'unknown option "interval": expected pushgateway, service, namespace, id, intervalMs',
    );
    expect(() => createReporter({ service: 'x' } as never, context)).toThrow(/option pushgateway: expected host:port or a URL/);
    expect(() => createReporter({ pushgateway: 'localhost:9091' } as never, context)).toThrow(/option service: expected the name of the service/);
    expect(() => createReporter({ pushgateway: 'localhost:9091', service: 'x', id: 7 } as never, context)).toThrow('option id: expected a string, got 7');
    expect(() => createReporter({ pushgateway: 'localhost:9091', service: 'x', intervalMs: 0 }, context)).toThrow(/option intervalMs: expected a number of milliseconds > 0, got 0/);
    expect(() => createReporter({ pushgateway: 'ftp://localhost:9091', service: 'x' }, context)).toThrow(/must be http or https, got ftp:/);
  });

  it('accepts host:port, a URL string with a path prefix, and https', () => {
    const url = (pushgateway: string) => prometheusReporter({ pushgateway, service: 's' }).groupUrl;
    expect(url('127.0.0.1:9091')).toBe('http://127.0.0.1:9091/metrics/job/go-heavy-s');
    expect(url('http://gw.internal:9091/prefix/')).toBe('http://gw.internal:9091/prefix/metrics/job/go-heavy-s');
    expect(url('https://gw.example.com')).toBe('https://gw.example.com/metrics/job/go-heavy-s');
    expect(prometheusReporter({ pushgateway: 'gw:1', service: 's', namespace: '', id: '..' }).groupUrl).toBe(`http://gw:1/metrics/job/go-heavy-s/id@base64/${Buffer.from('..').toString('base64url')}`);
  });
});
