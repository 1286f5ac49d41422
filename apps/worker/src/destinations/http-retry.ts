import { NetGuardError } from '@pm/net-guard';
import { DestinationError, HttpFailure, type DestinationErrorCode } from './destination-error.js';

/** Bounds of the retry loop. */
export interface RetryPolicy {
  /** Total attempts including the first (default 5). */
  maxAttempts: number;
  /** First backoff ceiling; doubles each attempt (default 500 ms). */
  baseDelayMs: number;
  /** Ceiling of one backoff pause (default 30 s). */
  maxDelayMs: number;
  /** Longest Retry-After honoured in-process (default 120 s); longer asks fail retryable with `retryAfterMs`. */
  maxRetryAfterMs: number;
}

/** Time and randomness, injectable so tests need not wait real seconds. */
export interface RetryClock {
  sleep(ms: number): Promise<void>;
  random(): number;
  now(): number;
}

/** Production defaults. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** The real clock. */
export const realClock: RetryClock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `nowMs`; undefined if absent/garbled. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** "Full jitter" backoff: a uniform pause in [0, min(max, base · 2^(attempt-1))]. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

// Drive signals per-user quota with 403 and these reasons; they are rate limits, not permission errors.
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

type Verdict =
  | { kind: 'rate-limited'; waitMs: number | undefined }
  | { kind: 'transient' }
  | { kind: 'permanent'; code: DestinationErrorCode };

/** Decides what a failure means: wait as told, back off, or stop. */
export function classify(failure: HttpFailure, nowMs: number): Verdict {
  const s = failure.status;
  if (s === undefined) return { kind: 'transient' };
  if (
    s === 429 ||
    (s === 403 && failure.apiReason !== undefined && RATE_LIMIT_REASONS.has(failure.apiReason))
  ) {
    return { kind: 'rate-limited', waitMs: parseRetryAfter(failure.retryAfter, nowMs) };
  }
  if (s >= 500 || s === 408) return { kind: 'transient' };
  if (s === 401 || s === 403) return { kind: 'permanent', code: 'DESTINATION_AUTH_FAILED' };
  if (s === 404) return { kind: 'permanent', code: 'DESTINATION_NOT_FOUND' };
  if (s === 409) return { kind: 'permanent', code: 'DESTINATION_CONFLICT' };
  if (s === 413) return { kind: 'permanent', code: 'DESTINATION_TOO_LARGE' };
  return { kind: 'permanent', code: 'DESTINATION_REJECTED' };
}

/** Options of {@link withRetry}. */
export interface WithRetryOptions {
  policy?: Partial<RetryPolicy>;
  clock?: Partial<RetryClock>;
  /** Told before each pause (for progress / logs). */
  onRetry?: (info: { attempt: number; delayMs: number; failure: HttpFailure }) => void;
}

/**
 * Runs `operation` until it succeeds, retrying by one rule set for every destination: 429 (and Drive's rate-limit
 * 403) waits Retry-After (capped; no header → backoff), 5xx / 408 / timeouts / network errors back off with full
 * jitter, anything else fails at once as a classified {@link DestinationError}. `operation` should be safe to
 * re-run from the start (the publish operations look their page up by marker first, so a lost response is found).
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: WithRetryOptions = {},
): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const clock = { ...realClock, ...options.clock };
  for (let attempt = 1; ; attempt++) {
    let failure: HttpFailure;
    try {
      return await operation(attempt);
    } catch (e) {
      if (e instanceof DestinationError) throw e;
      if (e instanceof NetGuardError) {
        throw new DestinationError('DESTINATION_URL_FORBIDDEN', {
          target: e.target ?? '',
          reason: e.message,
          attempts: attempt,
        });
      }
      failure =
        e instanceof HttpFailure ? e : new HttpFailure('request', e instanceof Error ? e.message : String(e));
    }
    const verdict = classify(failure, clock.now());
    const details = {
      target: failure.target,
      status: failure.status,
      reason: failure.reason,
      attempts: attempt,
    };
    if (verdict.kind === 'permanent') throw new DestinationError(verdict.code, details);
    const exhaustedCode =
      verdict.kind === 'rate-limited' ? 'DESTINATION_RATE_LIMITED' : 'DESTINATION_UNAVAILABLE';
    if (
      verdict.kind === 'rate-limited' &&
      verdict.waitMs !== undefined &&
      verdict.waitMs > policy.maxRetryAfterMs
    ) {
      throw new DestinationError('DESTINATION_RATE_LIMITED', { ...details, retryAfterMs: verdict.waitMs });
    }
    if (attempt >= policy.maxAttempts) throw new DestinationError(exhaustedCode, details);
    const delayMs =
      verdict.kind === 'rate-limited' && verdict.waitMs !== undefined
        ? verdict.waitMs
        : backoffDelay(attempt, policy, clock.random);
    options.onRetry?.({ attempt, delayMs, failure });
    await clock.sleep(delayMs);
  }
}
