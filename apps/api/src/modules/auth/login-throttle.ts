import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../../config.js';

/** Failures are forgotten this long after the last one. */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Delay before an attempt after `failures` consecutive failed ones: 0, 0, 0, then 250 ms doubling up to 4 s —
 * harmless for a typo, expensive for a guesser.
 */
export function loginDelayMs(failures: number): number {
  return failures < 3 ? 0 : Math.min(250 * 2 ** (failures - 3), 4_000);
}

/**
 * Counts consecutive failed sign-ins per email in Redis, so every API replica slows down the same guesser: the
 * counter lives at `<REDIS_PREFIX>:login-failures:<sha256 of the email>` (no address stored in Redis) and expires
 * {@link LOGIN_FAILURE_WINDOW_MS} after the last failure. Unknown emails count exactly like wrong passwords, so the
 * delay reveals nothing about which accounts exist.
 *
 * While Redis is unreachable sign-in stays available without the delay (a warning is logged): an outage of the
 * queue must not lock every user out.
 */
@Injectable()
export class LoginThrottle {
  private readonly log = new Logger('LoginThrottle');

  constructor(
    private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  /** Waits as long as the email's failures so far ask for. */
  async beforeAttempt(email: string): Promise<void> {
    const failures = await this.run('read', () => this.redis.get(this.key(email)));
    const delay = loginDelayMs(Number(failures ?? 0));
    if (delay) await new Promise((r) => setTimeout(r, delay));
  }

  /** Counts a failed attempt and restarts the forgetting window (one atomic MULTI). */
  async failed(email: string): Promise<void> {
    const key = this.key(email);
    await this.run('count', () => this.redis.multi().incr(key).pexpire(key, LOGIN_FAILURE_WINDOW_MS).exec());
  }

  /** A successful sign-in clears the count. */
  async succeeded(email: string): Promise<void> {
    await this.run('reset', () => this.redis.del(this.key(email)));
  }

  /** The Redis key of an email's counter (tests read it). */
  key(email: string): string {
    const hash = createHash('sha256').update(email.toLowerCase()).digest('hex');
    return `${this.cfg.REDIS_PREFIX}:login-failures:${hash}`;
  }

  private async run<T>(what: string, op: () => Promise<T>): Promise<T | null> {
    try {
      return await op();
    } catch (e) {
      this.log.warn(`login throttle could not ${what} (Redis unreachable?): ${(e as Error).message}`);
      return null;
    }
  }
}
