import { OutboundError } from './outbound-error.js';

/** Bounds of the retry loop, and time and randomness injectable so tests need not wait real seconds. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff step for 5xx / timeouts / network failures; doubles each attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** Ceiling of one backoff pause. Default 30 s. */
  maxDelayMs?: number;
  /**
   * Longest Retry-After waited out in place. A longer one fails at once (retryable, with `retryAfterMs` set) so
   * the job queue can reschedule instead of holding a worker. Default 60 s.
   */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1). */
  random?: () => number;
  /** Told before each pause (for progress and logs). */
  onRetry?: (info: { attempt: number; delayMs: number; error: OutboundError }) => void;
}

/** The production bounds. */
export const DEFAULT_RETRY = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
} as const;

/**
 * Backoff before attempt `attempt + 1`: exponential, capped, "equal jitter" — half the step fixed, half random — so
 * clients spread out yet never retry a struggling service at once.
 */
export function backoffMs(attempt: number, options: RetryOptions = {}): number {
  const cap = Math.min(
    options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    (options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs) * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(cap / 2 + (options.random ?? Math.random)() * (cap / 2));
}

/**
 * Runs `operation` until it succeeds, a permanent {@link OutboundError} is thrown, or attempts run out (then the
 * last error is thrown with `attempts` set). A Retry-After (or rate-limit reset) is waited out exactly, up to
 * `maxRetryAfterMs`; otherwise retryable failures back off with {@link backoffMs}. Errors that are not
 * OutboundErrors are bugs, not service weather, and are rethrown untouched. `operation` must be safe to re-run
 * from the start (creating calls look their object up by marker first, so a lost response is found).
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      error.attempts = attempt;
      if (!error.retryable || attempt >= maxAttempts) throw error;
      let delayMs = backoffMs(attempt, options);
      if (error.retryAfterMs !== undefined) {
        if (error.retryAfterMs > maxRetryAfterMs) throw error;
        delayMs = error.retryAfterMs;
      }
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
