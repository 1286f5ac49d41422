/**
 * Replay protection for inbound webhooks: remembers which delivery ids were already accepted.
 *
 * A provider retries a delivery with the same id (GitHub's `X-GitHub-Delivery`, Jira's
 * `X-Atlassian-Webhook-Identifier`), so "seen before" is the signal that a captured request is being played again.
 */
export interface DeliveryStore {
  /**
   * Records `id` and answers whether it had been recorded before. Must be atomic: of two concurrent calls with the same
   * id exactly one answers `false`, otherwise a replay racing the original would be processed twice.
   */
  seenDelivery(id: string): Promise<boolean>;
}

/**
 * The one Redis command the store needs, typed structurally so `@pm/auth` does not depend on a Redis client; an
 * ioredis `Redis` (or `Cluster`) instance satisfies it.
 */
export interface RedisSetNx {
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<'OK' | null>;
}

/** Options of {@link RedisDeliveryStore}. */
export interface RedisDeliveryStoreOptions {
  /** Key prefix, e.g. `pm:webhook-delivery:` (keep it distinct per provider if ids could collide). */
  prefix: string;
  /**
   * How long an id is remembered. It must outlast the staleness window and the provider's retry horizon, otherwise a
   * replay arriving after the key expired would pass. Default 7 days, longer than either provider retries.
   */
  ttlMs?: number;
}

/** {@link DeliveryStore} on Redis: `SET prefix+id 1 PX ttl NX` is atomic, so concurrent replays collapse to one. */
export class RedisDeliveryStore implements DeliveryStore {
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisSetNx,
    private readonly options: RedisDeliveryStoreOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 7 * 24 * 60 * 60 * 1000;
  }

  async seenDelivery(id: string): Promise<boolean> {
    const stored = await this.redis.set(`${this.options.prefix}${id}`, '1', 'PX', this.ttlMs, 'NX');
    return stored === null;
  }
}

/** In-memory {@link DeliveryStore} for tests and single-process tools; forgets everything on restart. */
export class MemoryDeliveryStore implements DeliveryStore {
  private readonly seen = new Set<string>();

  seenDelivery(id: string): Promise<boolean> {
    if (this.seen.has(id)) return Promise.resolve(true);
    this.seen.add(id);
    return Promise.resolve(false);
  }
}
