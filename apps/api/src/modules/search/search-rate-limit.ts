import { Inject, Injectable, Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppError } from '../../common/errors.js';
import { API_CONFIG, type ApiConfig } from '../../config.js';

/** Searches a user may run per window (every API replica counts in the same Redis key). */
export const SEARCH_RATE_LIMIT = 30;
export const SEARCH_RATE_WINDOW_MS = 10_000;

/**
 * Fixed-window limit of `GET /search` per user: `<REDIS_PREFIX>:search-rate:<userId>:<window>` counts requests
 * and expires with its window. Over the limit → 429 RATE_LIMITED with `details.retryAfterMs`. While Redis is
 * unreachable search stays available (a warning is logged), as sign-in does: an outage must not lock users out.
 */
@Injectable()
export class SearchRateLimit {
  private readonly log = new Logger('SearchRateLimit');

  constructor(
    private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  async check(userId: string, now = Date.now()): Promise<void> {
    const window = Math.floor(now / SEARCH_RATE_WINDOW_MS);
    const key = `${this.cfg.REDIS_PREFIX}:search-rate:${userId}:${window}`;
    let count: number;
    try {
      const res = await this.redis.multi().incr(key).pexpire(key, SEARCH_RATE_WINDOW_MS).exec();
      count = Number(res?.[0]?.[1] ?? 0);
    } catch (e) {
      this.log.warn(`search rate limit skipped (Redis unreachable?): ${(e as Error).message}`);
      return;
    }
    if (count > SEARCH_RATE_LIMIT) {
      const retryAfterMs = (window + 1) * SEARCH_RATE_WINDOW_MS - now;
      throw new AppError('RATE_LIMITED', `Too many searches: at most ${SEARCH_RATE_LIMIT} per 10 seconds`, {
        retryAfterMs,
      });
    }
  }
}
