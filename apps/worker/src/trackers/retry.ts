/**
 * Retry rules for tracker calls (Jira, GitHub): 429 waits as long as the tracker says (`Retry-After`, or GitHub's
 * `x-ratelimit-reset` when the quota is spent), 5xx / timeouts / network failures back off exponentially with jitter,
 * every other 4xx fails at once with a classified code. Same semantics as the destinations' HTTP retry, kept apart
 * only until the two are merged.
 */

/** Stable failure codes; the follow-up shows them on the item and the UI switches on them. */
export type TrackerErrorCode =
  | 'TRACKER_RATE_LIMITED'
  | 'TRACKER_UNAVAILABLE'
  | 'TRACKER_TIMEOUT'
  | 'TRACKER_NETWORK'
  | 'TRACKER_UNAUTHORIZED'
  | 'TRACKER_FORBIDDEN'
  | 'TRACKER_NOT_FOUND'
  | 'TRACKER_GONE'
  | 'TRACKER_INVALID'
  | 'TRACKER_CONFLICT'
  | 'TRACKER_REJECTED'
  | 'TRACKER_BAD_RESPONSE';

/** A classified tracker failure. `retryable` says whether trying again later can succeed. */
export class TrackerError extends Error {
  override readonly name = 'TrackerError';

  constructor(
    readonly code: TrackerErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** How long the tracker asked us to wait (429), when it said. */
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

/** Case-insensitive header lookup over a fetch `Headers` or a plain record (Octokit's `response.headers`). */
export type HeaderSource = Headers | Readonly<Record<string, string | number | undefined>>;

function headerOf(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [k, v] of Object.entries(headers))
    if (k.toLowerCase() === name && v !== undefined) return String(v);
  return undefined;
}

/**
 * Milliseconds the tracker asked us to wait: `Retry-After` as seconds or HTTP date; otherwise, when
 * `x-ratelimit-remaining` is 0, until `x-ratelimit-reset` (epoch seconds on GitHub, an ISO date on Jira Cloud).
 */
export function retryAfterMs(headers: HeaderSource, now = Date.now()): number | undefined {
  const retryAfter = headerOf(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headerOf(headers, 'x-ratelimit-reset')?.trim();
  if (reset && headerOf(headers, 'x-ratelimit-remaining') === '0') {
    const at = /^\d+$/.test(reset) ? Number(reset) * 1000 : Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return undefined;
}

/** Turns an HTTP error answer into a {@link TrackerError} with the right code and retryability. */
export function classifyHttpError(status: number, headers: HeaderSource, message: string): TrackerError {
  const wait = retryAfterMs(headers);
  const base = { status, ...(wait !== undefined && { retryAfterMs: wait }) };
  // GitHub answers a spent primary quota with 403 + x-ratelimit-remaining: 0, not only with 429.
  if (status === 429 || (status === 403 && headerOf(headers, 'x-ratelimit-remaining') === '0')) {
    return new TrackerError('TRACKER_RATE_LIMITED', message, true, base);
  }
  if (status >= 500) return new TrackerError('TRACKER_UNAVAILABLE', message, true, base);
  if (status === 408) return new TrackerError('TRACKER_TIMEOUT', message, true, base);
  const permanent: Record<number, TrackerErrorCode> = {
    400: 'TRACKER_INVALID',
    401: 'TRACKER_UNAUTHORIZED',
    403: 'TRACKER_FORBIDDEN',
    404: 'TRACKER_NOT_FOUND',
    409: 'TRACKER_CONFLICT',
    410: 'TRACKER_GONE',
    422: 'TRACKER_INVALID',
  };
  return new TrackerError(permanent[status] ?? 'TRACKER_REJECTED', message, false, base);
}

/** A failure before any answer arrived: our timeout, or the connection failing / being cut. */
export function classifyTransportError(error: unknown): TrackerError {
  const names = [error, error instanceof Error ? error.cause : undefined].map((e) =>
    e instanceof Error || e instanceof DOMException ? e.name : '',
  );
  const message = error instanceof Error ? error.message : String(error);
  if (names.includes('TimeoutError') || names.includes('AbortError')) {
    return new TrackerError('TRACKER_TIMEOUT', `tracker did not answer in time: ${message}`, true, {
      cause: error,
    });
  }
  return new TrackerError('TRACKER_NETWORK', `tracker unreachable: ${message}`, true, { cause: error });
}

/** Tunables of {@link withRetry}. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff step for 5xx / timeouts / network failures. Default 500 ms. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 30 s. */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` waited out in place. A longer one fails at once with `retryAfterMs` set, so the job queue
   * can reschedule instead of holding a worker. Default 60 s.
   */
  maxRetryAfterMs?: number;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
  /** For tests: a number in [0, 1). */
  random?: () => number;
}

/** Backoff before attempt `attempt + 1`: exponential, capped, "equal jitter" (half fixed, half random). */
export function backoffMs(attempt: number, policy: RetryPolicy = {}): number {
  const cap = Math.min(policy.maxDelayMs ?? 30_000, (policy.baseDelayMs ?? 500) * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (policy.random ?? Math.random)() * (cap / 2));
}

/**
 * Runs `operation` until it succeeds, a permanent {@link TrackerError} is thrown, or attempts run out (then the last
 * error is thrown). Errors that are not TrackerErrors are bugs, not tracker weather, and are rethrown untouched.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy = {},
): Promise<T> {
  const maxAttempts = policy.maxAttempts ?? 5;
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof TrackerError) || !error.retryable || attempt >= maxAttempts) throw error;
      let wait = backoffMs(attempt, policy);
      if (error.code === 'TRACKER_RATE_LIMITED' && error.retryAfterMs !== undefined) {
        if (error.retryAfterMs > (policy.maxRetryAfterMs ?? 60_000)) throw error;
        wait = error.retryAfterMs;
      }
      await sleep(wait);
    }
  }
}
