import { cleanRedisPrefix, testConfig, uniqueRedisPrefix } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisDeliveryStore } from '../src/index.js';

describe('RedisDeliveryStore', () => {
  const redis = new Redis(testConfig().redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const prefix = `${uniqueRedisPrefix('webhook-deliveries')}:`;
  afterAll(async () => {
    await cleanRedisPrefix(redis, prefix);
    await redis.quit();
  });

  it('answers "seen" only from the second time on, also under concurrent replays', async () => {
    const store = new RedisDeliveryStore(redis, { prefix });
    const answers = await Promise.all(Array.from({ length: 8 }, () => store.seenDelivery('github:abc')));
    expect(answers.filter((seen) => !seen)).toHaveLength(1);
    expect(await store.seenDelivery('github:abc')).toBe(true);
    expect(await store.seenDelivery('github:other')).toBe(false);
  });

  it('stores the id under the prefix with the configured expiry', async () => {
    const store = new RedisDeliveryStore(redis, { prefix, ttlMs: 60_000 });
    await store.seenDelivery('jira:ttl');
    const ttl = await redis.pttl(`${prefix}jira:ttl`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
