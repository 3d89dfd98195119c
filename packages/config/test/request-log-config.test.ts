import { ConfigError, configLayers } from '@go-heavy/config';
import { checkRequestLogConfig } from '../src/request-log-config.js';
import { makeProject } from './project.js';

describe('requestLog in heavy.config.ts', () => {
  const check = (value: unknown) => () => checkRequestLogConfig(value, 'heavy.config.ts');

  it('accepts the documented keys', () => {
    expect(check(undefined)).not.toThrow();
    expect(check({})).not.toThrow();
    expect(check({ requestIdHeader: 'X-Correlation-Id', redact: ['API_TOKEN', 'x-api-key'], bodyLimit: 0 })).not.toThrow();
  });

  it.each([
    ['not an object', ['x'], "heavy.config.ts: requestLog: expected an object such as { redact: ['API_TOKEN'], bodyLimit: 4096 }"],
    ['an unknown key', { sample: 0.1 }, 'heavy.config.ts: requestLog: unknown key "sample": expected requestIdHeader, redact, bodyLimit'],
    ['a header name with a space', { requestIdHeader: 'x id' }, 'heavy.config.ts: requestLog.requestIdHeader: expected a header name such as x-request-id, got "x id"'],
    ['redact not a list of names', { redact: 'API_TOKEN' }, 'heavy.config.ts: requestLog.redact: expected an array of header or environment variable names, got "API_TOKEN"'],
    ['an empty redact name', { redact: [''] }, 'heavy.config.ts: requestLog.redact: expected an array of header or environment variable names, got [""]'],
    ['a negative body limit', { bodyLimit: -1 }, 'heavy.config.ts: requestLog.bodyLimit: expected a whole number of bytes, 0 or more, got -1'],
    ['a fractional body limit', { bodyLimit: 1.5 }, 'heavy.config.ts: requestLog.bodyLimit: expected a whole number of bytes, 0 or more, got 1.5'],
  ])('refuses %s', (_what, value, message) => {
    expect(check(value)).toThrow(new ConfigError(message));
  });

  it('is checked when the config file is read', async () => {
    const project = makeProject({ 'heavy.config.ts': `export default { requestLog: { bodyLimit: 'big' } };\n` });
    try {
      await expect(configLayers(project.root, undefined)).rejects.toThrow(/heavy\.config\.ts: requestLog\.bodyLimit: expected a whole number of bytes, 0 or more, got "big"$/);
    } finally {
      project.remove();
    }
  });
});
