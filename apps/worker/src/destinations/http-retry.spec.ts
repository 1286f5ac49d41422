import { describe, expect, it } from 'vitest';
import { DestinationError, HttpFailure } from './destination-error.js';
import { backoffDelay, classify, DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry } from './http-retry.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('is full jitter under a doubling, capped ceiling', () => {
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, () => 0.999)).toBe(499);
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1000);
    expect(backoffDelay(20, DEFAULT_RETRY_POLICY, () => 1)).toBe(30_000);
    expect(backoffDelay(4, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });
});

describe('classify', () => {
  const f = (status?: number, apiReason?: string, retryAfter?: string) =>
    classify(new HttpFailure('GET x', 'r', status, retryAfter, apiReason), NOW);
  it('sorts failures into wait / back off / stop', () => {
    expect(f(429, undefined, '3')).toEqual({ kind: 'rate-limited', waitMs: 3000 });
    expect(f(403, 'userRateLimitExceeded')).toEqual({ kind: 'rate-limited', waitMs: undefined });
    expect(f(503)).toEqual({ kind: 'transient' });
    expect(f(undefined)).toEqual({ kind: 'transient' });
    expect(f(401)).toEqual({ kind: 'permanent', code: 'DESTINATION_AUTH_FAILED' });
    expect(f(403, 'insufficientFilePermissions')).toEqual({
      kind: 'permanent',
      code: 'DESTINATION_AUTH_FAILED',
    });
    expect(f(404)).toEqual({ kind: 'permanent', code: 'DESTINATION_NOT_FOUND' });
    expect(f(409)).toEqual({ kind: 'permanent', code: 'DESTINATION_CONFLICT' });
    expect(f(413)).toEqual({ kind: 'permanent', code: 'DESTINATION_TOO_LARGE' });
    expect(f(400)).toEqual({ kind: 'permanent', code: 'DESTINATION_REJECTED' });
  });
});

describe('withRetry', () => {
  it('stops after maxAttempts on network errors and reports them as unavailable', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const e: unknown = await withRetry(
      () => {
        calls++;
        return Promise.reject(new HttpFailure('POST http://x/', 'socket hang up'));
      },
      {
        policy: { maxAttempts: 4 },
        clock: { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 1 },
      },
    ).catch((x: unknown) => x);
    expect(calls).toBe(4);
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(e).toBeInstanceOf(DestinationError);
    expect(e).toMatchObject({
      code: 'DESTINATION_UNAVAILABLE',
      reason: 'socket hang up',
      attempts: 4,
      retryable: true,
    });
  });
});
