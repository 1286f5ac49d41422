import type { FailureKind, OutboundFailure } from './outbound-error.js';

/** Response headers as fetch (`Headers`) or Octokit / gaxios (a plain record) hand them over. */
export type HeaderSource =
  { get(name: string): string | null } | Readonly<Record<string, string | number | undefined>>;

/** Case-insensitive header lookup over either form. */
export function headerOf(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower && v !== undefined && typeof v !== 'function') return String(v);
  }
  return undefined;
}

/** An error answer of an outside service. */
export interface ErrorAnswer {
  /** `METHOD url` of the call, without credentials. */
  target: string;
  status: number;
  headers?: HeaderSource;
  /** The service's message, shown to the user. */
  reason: string;
  /** A machine reason from the body, e.g. Drive's `errors[0].reason`. */
  apiReason?: string;
}

/**
 * Service-specific rate-limit signals on top of the common rule (429 + Retry-After). A service that says "slow
 * down" in another way plugs it in here instead of writing its own classifier.
 */
export interface RateLimitSignals {
  /** Answers other than 429 that mean "quota spent, wait" rather than a permanent refusal. */
  isRateLimit?(answer: ErrorAnswer): boolean;
  /** A wait hint used when there is no Retry-After. */
  waitMs?(answer: ErrorAnswer, now: number): number | undefined;
}

/**
 * The `x-ratelimit-*` convention (GitHub, Jira Cloud): `x-ratelimit-remaining: 0` means rate limited even on a 403,
 * and `x-ratelimit-reset` (epoch seconds on GitHub, an ISO date on Jira) says until when.
 */
export const RATE_LIMIT_HEADERS: RateLimitSignals = {
  isRateLimit: (a) => a.status === 403 && quotaSpent(a),
  waitMs(a, now) {
    const reset = a.headers && headerOf(a.headers, 'x-ratelimit-reset')?.trim();
    if (!reset || !quotaSpent(a)) return undefined;
    const at = /^\d+$/.test(reset) ? Number(reset) * 1000 : Date.parse(reset);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
  },
};

// Google signals per-user quota with 403 and these reasons; they are rate limits, not permission errors.
const GOOGLE_RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/** Google APIs (Drive): a 403 with a rate-limit reason is a rate limit. */
export const GOOGLE_RATE_LIMIT: RateLimitSignals = {
  isRateLimit: (a) =>
    a.status === 403 && a.apiReason !== undefined && GOOGLE_RATE_LIMIT_REASONS.has(a.apiReason),
};

function quotaSpent(a: ErrorAnswer): boolean {
  return a.headers !== undefined && headerOf(a.headers, 'x-ratelimit-remaining') === '0';
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`; undefined if absent/garbled. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const PERMANENT: Record<number, FailureKind> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'gone',
  413: 'too-large',
  400: 'invalid',
  422: 'invalid',
};

/**
 * Classifies an error answer: 429 (or a service's own rate-limit signal) is rate limited with the wait it asked
 * for; 5xx unavailable; 408 a timeout; other 4xx permanent by status.
 */
export function classifyAnswer(
  answer: ErrorAnswer,
  signals: RateLimitSignals = {},
  now = Date.now(),
): OutboundFailure {
  const s = answer.status;
  const wait =
    parseRetryAfter(answer.headers && headerOf(answer.headers, 'retry-after'), now) ??
    signals.waitMs?.(answer, now);
  const kind: FailureKind =
    s === 429 || signals.isRateLimit?.(answer)
      ? 'rate-limited'
      : s >= 500
        ? 'unavailable'
        : s === 408
          ? 'timeout'
          : (PERMANENT[s] ?? 'rejected');
  return {
    kind,
    target: answer.target,
    reason: answer.reason,
    status: s,
    ...(wait !== undefined && { retryAfterMs: wait }),
  };
}

/** Classifies a failure before any answer arrived: our timeout, or the connection failing or being cut. */
export function classifyTransport(target: string, error: unknown): OutboundFailure {
  const chain = [error, error instanceof Error ? error.cause : undefined];
  const timedOut = chain.some(
    (e) =>
      (e instanceof Error || e instanceof DOMException) &&
      (e.name === 'TimeoutError' || e.name === 'AbortError'),
  );
  return {
    kind: timedOut ? 'timeout' : 'network',
    target,
    reason: timedOut ? `no answer in time: ${describe(error)}` : describe(error),
    cause: error,
  };
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`;
}
