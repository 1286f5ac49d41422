import { describe, expect, it } from 'vitest';
import {
  TrackerError,
  backoffMs,
  classifyHttpError,
  classifyTransportError,
  retryAfterMs,
  withRetry,
} from './retry.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('retryAfterMs', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': '7' }), NOW)).toBe(7000);
    expect(retryAfterMs({ 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT' }, NOW)).toBe(30_000);
  });

  it("falls back to GitHub's epoch-seconds and Jira's ISO x-ratelimit-reset only when the quota is spent", () => {
    const reset = String(NOW / 1000 + 42);
    expect(retryAfterMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, NOW)).toBe(42_000);
    expect(
      retryAfterMs({ 'X-RateLimit-Remaining': 0, 'X-RateLimit-Reset': '2026-03-01T12:00:05Z' }, NOW),
    ).toBe(5000);
    expect(retryAfterMs({ 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': reset }, NOW)).toBeUndefined();
    expect(retryAfterMs({}, NOW)).toBeUndefined();
  });
});

describe('classifyHttpError', () => {
  it.each([
    [400, 'TRACKER_INVALID', false],
    [401, 'TRACKER_UNAUTHORIZED', false],
    [403, 'TRACKER_FORBIDDEN', false],
    [404, 'TRACKER_NOT_FOUND', false],
    [409, 'TRACKER_CONFLICT', false],
    [410, 'TRACKER_GONE', false],
    [418, 'TRACKER_REJECTED', false],
    [422, 'TRACKER_INVALID', false],
    [429, 'TRACKER_RATE_LIMITED', true],
    [500, 'TRACKER_UNAVAILABLE', true],
    [503, 'TRACKER_UNAVAILABLE', true],
  ] as const)('%i → %s (retryable: %s)', (status, code, retryable) => {
    const error = classifyHttpError(status, {}, 'x');
    expect([error.code, error.retryable, error.status]).toEqual([code, retryable, status]);
  });

  it('treats a 403 with a spent GitHub quota as rate limiting', () => {
    const error = classifyHttpError(403, { 'x-ratelimit-remaining': '0', 'retry-after': '3' }, 'x');
    expect([error.code, error.retryable, error.retryAfterMs]).toEqual(['TRACKER_RATE_LIMITED', true, 3000]);
  });

  it('tells a timeout from a network failure', () => {
    const timeout = classifyTransportError(new DOMException('signal timed out', 'TimeoutError'));
    const wrapped = classifyTransportError(new TypeError('fetch failed', { cause: new Error('ECONNRESET') }));
    expect([timeout.code, wrapped.code]).toEqual(['TRACKER_TIMEOUT', 'TRACKER_NETWORK']);
  });
});

describe('withRetry', () => {
  const recorder = () => {
    const waits: number[] = [];
    return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
  };

  it('waits exactly as long as a 429 says, then succeeds', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      () => {
        calls++;
        if (calls < 3) throw classifyHttpError(429, { 'retry-after': String(calls) }, 'slow down');
        return Promise.resolve('ok');
      },
      { sleep },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([1000, 2000]);
  });

  it('backs off exponentially with jitter on 5xx and gives up after maxAttempts with the last error', async () => {
    const { waits, sleep } = recorder();
    const failing = withRetry(() => Promise.reject(classifyHttpError(502, {}, 'bad gateway')), {
      sleep,
      maxAttempts: 4,
      baseDelayMs: 100,
      random: () => 0.5,
    });
    await expect(failing).rejects.toMatchObject({ code: 'TRACKER_UNAVAILABLE', status: 502 });
    expect(waits).toEqual([75, 150, 300]);
  });

  it('keeps every backoff between half and all of its cap', () => {
    for (const r of [0, 0.999]) {
      const ms = backoffMs(3, { baseDelayMs: 1000, maxDelayMs: 3000, random: () => r });
      expect(ms).toBeGreaterThanOrEqual(1500);
      expect(ms).toBeLessThanOrEqual(3000);
    }
  });

  it('does not retry a permanent 4xx or a bug', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const notFound = withRetry(
      () => {
        calls++;
        return Promise.reject(classifyHttpError(404, {}, 'gone'));
      },
      { sleep },
    );
    await expect(notFound).rejects.toMatchObject({ code: 'TRACKER_NOT_FOUND' });
    await expect(withRetry(() => Promise.reject(new RangeError('bug')), { sleep })).rejects.toThrow(
      RangeError,
    );
    expect([calls, waits]).toEqual([1, []]);
  });

  it('hands a Retry-After longer than it will hold a worker back to the caller at once', async () => {
    const { waits, sleep } = recorder();
    const error = await withRetry(
      () => Promise.reject(classifyHttpError(429, { 'retry-after': '3600' }, 'later')),
      { sleep, maxRetryAfterMs: 60_000 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    expect((error as TrackerError).retryAfterMs).toBe(3_600_000);
    expect(waits).toEqual([]);
  });
});
