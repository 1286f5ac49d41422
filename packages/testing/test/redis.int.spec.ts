import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config.js';
import { cleanRedisPrefix, uniqueRedisPrefix } from '../src/redis.js';

describe('cleanRedisPrefix', () => {
  const redis = new Redis(testConfig().redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  afterAll(() => redis.quit());

  it('deletes every key of the prefix (also hash-tagged ones) and nothing else', async () => {
    const prefix = uniqueRedisPrefix('clean');
    const neighbour = uniqueRedisPrefix('clean');
    const keys = Array.from({ length: 1200 }, (_, i) => `${prefix}:k${i}`);
    const pipeline = redis.pipeline();
    for (const k of keys) pipeline.set(k, '1');
    pipeline.set(`{${prefix}}:bull:meta`, '1');
    pipeline.set(`${neighbour}:keep`, '1');
    await pipeline.exec();
    try {
      expect(await cleanRedisPrefix(redis, prefix)).toBe(1201);
      expect(await redis.exists(keys[0]!, keys[1199]!, `{${prefix}}:bull:meta`)).toBe(0);
      expect(await redis.get(`${neighbour}:keep`)).toBe('1');
    } finally {
      await cleanRedisPrefix(redis, neighbour);
    }
  });
});
