import { ConfigError, planLoad, type HeavyConfig } from '@go-heavy/config';

const layer = (config: HeavyConfig, source = 'services/shop/heavy.config.ts: ') => ({ source, config });

describe('iterationTimeout / --iteration-timeout', () => {
  it('is off unless asked for', async () => {
    const { plan } = await planLoad([layer({ users: 2, duration: '5s' })], {});
    expect(plan.iterationTimeoutMs).toBeNull();
  });

  it('reads the config file, the flag over it, and 0 turns it off', async () => {
    const fromFile = await planLoad([layer({ users: 2, iterationTimeout: '1m30s' })], {});
    expect(fromFile.plan.iterationTimeoutMs).toBe(90_000);
    const asNumber = await planLoad([layer({ users: 2, iterationTimeout: 2500 })], {});
    expect(asNumber.plan.iterationTimeoutMs).toBe(2500);
    const fromFlag = await planLoad([layer({ users: 2, iterationTimeout: '1m' })], { iterationTimeout: '750ms' });
    expect(fromFlag.plan.iterationTimeoutMs).toBe(750);
    const off = await planLoad([layer({ users: 2, iterationTimeout: '1m' })], { iterationTimeout: '0s' });
    expect(off.plan.iterationTimeoutMs).toBeNull();
  });

  it('names the flag or the file and field of a bad value', async () => {
    await expect(planLoad([], { users: 1, iterationTimeout: 'soon' })).rejects.toThrow(new ConfigError('--iteration-timeout: expected a duration like 10s, 500ms or 1m30s, got "soon"'));
    await expect(planLoad([layer({ iterationTimeout: -5 })], { users: 1 })).rejects.toThrow(
      new ConfigError('services/shop/heavy.config.ts: iterationTimeout: expected a duration like 10s, 500ms or 1m30s, got -5'),
    );
  });
});
