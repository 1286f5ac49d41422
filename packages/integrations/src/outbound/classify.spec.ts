import { describe, expect, it } from 'vitest';
import {
  classifyAnswer,
  classifyTransport,
  GOOGLE_RATE_LIMIT,
  parseRetryAfter,
  RATE_LIMIT_HEADERS,
} from './classify.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const answer = (status: number, headers: Record<string, string | number> = {}, apiReason?: string) => ({
  target: 'GET http://x/',
  status,
  headers,
  reason: 'r',
  apiReason,
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('classifyAnswer', () => {
  it('reads Retry-After as seconds or as an HTTP date, from fetch Headers or a plain record', () => {
    expect(
      classifyAnswer({ ...answer(429), headers: new Headers({ 'Retry-After': '7' }) }, {}, NOW),
    ).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 7000,
    });
    expect(
      classifyAnswer(answer(429, { 'retry-after': 'Tue, 01 Dec 2026 10:00:30 GMT' }), {}, NOW).retryAfterMs,
    ).toBe(30_000);
  });

  it('sorts statuses into wait / back off / stop', () => {
    const kind = (status: number) => classifyAnswer(answer(status), {}, NOW).kind;
    expect([429, 500, 503, 408].map(kind)).toEqual(['rate-limited', 'unavailable', 'unavailable', 'timeout']);
    expect([400, 401, 403, 404, 409, 410, 413, 418, 422].map(kind)).toEqual([
      'invalid',
      'unauthorized',
      'forbidden',
      'not-found',
      'conflict',
      'gone',
      'too-large',
      'rejected',
      'invalid',
    ]);
  });

  it("falls back to GitHub's epoch-seconds and Jira's ISO x-ratelimit-reset only when the quota is spent", () => {
    const reset = String(NOW / 1000 + 42);
    const wait = (headers: Record<string, string | number>) =>
      classifyAnswer(answer(429, headers), RATE_LIMIT_HEADERS, NOW).retryAfterMs;
    expect(wait({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })).toBe(42_000);
    expect(wait({ 'X-RateLimit-Remaining': 0, 'X-RateLimit-Reset': '2026-12-01T10:00:05Z' })).toBe(5000);
    expect(wait({ 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': reset })).toBeUndefined();
    expect(wait({})).toBeUndefined();
  });

  it('treats a 403 with a spent quota, or with a Google rate-limit reason, as rate limiting only with that signal', () => {
    const spent = answer(403, { 'x-ratelimit-remaining': '0', 'retry-after': '3' });
    expect(classifyAnswer(spent, RATE_LIMIT_HEADERS, NOW)).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 3000,
    });
    expect(classifyAnswer(spent, {}, NOW).kind).toBe('forbidden');
    expect(classifyAnswer(answer(403, {}, 'userRateLimitExceeded'), GOOGLE_RATE_LIMIT, NOW)).toMatchObject({
      kind: 'rate-limited',
    });
    expect(
      classifyAnswer(answer(403, {}, 'userRateLimitExceeded'), GOOGLE_RATE_LIMIT, NOW).retryAfterMs,
    ).toBeUndefined();
    expect(classifyAnswer(answer(403, {}, 'insufficientFilePermissions'), GOOGLE_RATE_LIMIT, NOW).kind).toBe(
      'forbidden',
    );
  });
});

describe('classifyTransport', () => {
  it('tells a timeout from a network failure', () => {
    const timeout = classifyTransport('GET x', new DOMException('signal timed out', 'TimeoutError'));
    const wrapped = classifyTransport(
      'GET x',
      new TypeError('fetch failed', { cause: new Error('ECONNRESET') }),
    );
    expect([timeout.kind, wrapped.kind]).toEqual(['timeout', 'network']);
    expect(wrapped.reason).toBe('fetch failed: ECONNRESET');
  });
});
