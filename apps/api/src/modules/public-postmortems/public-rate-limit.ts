import { Inject, Injectable, Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../../config.js';

const WINDOW_MS = 60_000;

/**
 * Fixed-window limit of public pages per client address (the same shape as search's limit):
 * `<REDIS_PREFIX>:public-rate:<address>:<window>`. Answers whether the request may go on; while Redis is unreachable
 * pages stay available (a warning is logged).
 */
@Injectable()
export class PublicPageRateLimit {
  private readonly log = new Logger('PublicPageRateLimit');

  constructor(
    private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  /** Milliseconds to wait when over the limit, else 0. */
  async check(address: string, now = Date.now()): Promise<number> {
    const window = Math.floor(now / WINDOW_MS);
    const key = `${this.cfg.REDIS_PREFIX}:public-rate:${address}:${window}`;
    try {
      const res = await this.redis.multi().incr(key).pexpire(key, WINDOW_MS).exec();
      const count = Number(res?.[0]?.[1] ?? 0);
      return count > this.cfg.PUBLIC_PAGE_RATE_LIMIT ? (window + 1) * WINDOW_MS - now : 0;
    } catch (e) {
      this.log.warn(`public page rate limit skipped (Redis unreachable?): ${(e as Error).message}`);
      return 0;
    }
  }
}
