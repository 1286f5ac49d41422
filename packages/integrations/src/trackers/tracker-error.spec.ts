import { describe, expect, it } from 'vitest';
import { TrackerError } from './tracker-error.js';

const fromStatus = (status: number, headers: Record<string, string> = {}) =>
  TrackerError.fromAnswer({ target: 'GET http://jira/', status, headers, reason: 'x' });

describe('TrackerError', () => {
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
    const error = fromStatus(status);
    expect([error.code, error.retryable, error.status]).toEqual([code, retryable, status]);
  });

  it('treats a 403 with a spent GitHub quota as rate limiting', () => {
    const error = fromStatus(403, { 'x-ratelimit-remaining': '0', 'retry-after': '3' });
    expect([error.code, error.retryable, error.retryAfterMs]).toEqual(['TRACKER_RATE_LIMITED', true, 3000]);
  });

  it('tells a timeout from a network failure', () => {
    const timeout = TrackerError.fromTransport('GET x', new DOMException('signal timed out', 'TimeoutError'));
    const wrapped = TrackerError.fromTransport(
      'GET x',
      new TypeError('fetch failed', { cause: new Error('ECONNRESET') }),
    );
    expect([timeout.code, wrapped.code]).toEqual(['TRACKER_TIMEOUT', 'TRACKER_NETWORK']);
    expect([timeout.retryable, wrapped.retryable]).toEqual([true, true]);
  });
});
