import { describe, expect, it } from 'vitest';
import { uniqueRedisPrefix } from './redis.js';
import { testConfig } from './config.js';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('returns the first truthy value, retrying through falsy results and errors', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls++;
        if (calls === 1) throw new Error('not yet');
        return calls >= 3 ? { calls } : null;
      },
      { interval: 1 },
    );
    expect(value).toEqual({ calls: 3 });
  });

  it('times out with the last error message', async () => {
    await expect(
      waitFor(() => Promise.reject(new Error('queue still empty')), { timeout: 60, interval: 10 }),
    ).rejects.toThrow(/timed out after 60 ms \(queue still empty\)/);
  });
});

describe('uniqueRedisPrefix', () => {
  it('is test:<label>:<random> and differs per call', () => {
    const a = uniqueRedisPrefix('api jobs');
    expect(a).toMatch(/^test:api_jobs:[0-9a-f]{10}$/);
    expect(uniqueRedisPrefix('api jobs')).not.toBe(a);
  });
});

describe('testConfig', () => {
  it('uses the local defaults outside CI and the environment when set', () => {
    expect(testConfig({})).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      pgUrl: 'postgresql://postgres@127.0.0.1:5432/test',
    });
    expect(testConfig({ REDIS_URL: 'redis://r:1', PG_URL: 'postgresql://p/x' })).toEqual({
      redisUrl: 'redis://r:1',
      pgUrl: 'postgresql://p/x',
    });
  });

  it('throws in CI when a URL is missing', () => {
    expect(() => testConfig({ CI: 'true', REDIS_URL: 'redis://r:1' })).toThrow(/PG_URL/);
  });
});
