import { Redis, type RedisOptions } from 'ioredis';

/**
 * Producer connections fail fast: no offline queue and one retry per command, so an API request never hangs
 * while Redis is down (it answers 503 and the DB row waits for the sweeper).
 */
export function createProducerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
    ...extra,
  });
}

/** Worker connections must block forever on BRPOPLPUSH-style commands: BullMQ requires maxRetriesPerRequest null. */
export function createWorkerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  });
}

/**
 * Redis must not evict queue keys. Returns a warning text when `maxmemory-policy` is not `noeviction`
 * (null when fine or when CONFIG is not allowed, as on some managed services).
 */
export async function checkEvictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const res = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = res[1];
    if (policy && policy !== 'noeviction') {
      return `Redis maxmemory-policy is "${policy}"; queues need "noeviction" or jobs can silently disappear (set maxmemory-policy noeviction)`;
    }
    return null;
  } catch {
    return null;
  }
}
