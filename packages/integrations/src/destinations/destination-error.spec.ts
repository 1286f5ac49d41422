import { describe, expect, it } from 'vitest';
import { DestinationError } from './destination-error.js';

describe('DestinationError', () => {
  const f = (status: number, apiReason?: string, retryAfter?: string) =>
    DestinationError.fromAnswer({
      target: 'GET x',
      status,
      reason: 'r',
      apiReason,
      headers: retryAfter ? { 'retry-after': retryAfter } : {},
    });
  it('sorts failures into wait / back off / stop', () => {
    expect(f(429, undefined, '3')).toMatchObject({ code: 'DESTINATION_RATE_LIMITED', retryAfterMs: 3000 });
    expect(f(403, 'userRateLimitExceeded')).toMatchObject({
      code: 'DESTINATION_RATE_LIMITED',
      retryable: true,
    });
    expect(f(503)).toMatchObject({ code: 'DESTINATION_UNAVAILABLE', retryable: true });
    expect(f(401)).toMatchObject({ code: 'DESTINATION_AUTH_FAILED', retryable: false });
    expect(f(403, 'insufficientFilePermissions').code).toBe('DESTINATION_AUTH_FAILED');
    expect(f(404).code).toBe('DESTINATION_NOT_FOUND');
    expect(f(409).code).toBe('DESTINATION_CONFLICT');
    expect(f(413).code).toBe('DESTINATION_TOO_LARGE');
    expect(f(400).code).toBe('DESTINATION_REJECTED');
  });

  it('reports a network error as unavailable and a guard refusal as a forbidden URL, never retried', () => {
    expect(DestinationError.fromTransport('POST http://x/', new Error('socket hang up'))).toMatchObject({
      code: 'DESTINATION_UNAVAILABLE',
      retryable: true,
    });
    const refusal = Object.assign(new Error('169.254.169.254 is link-local'), { name: 'NetGuardError' });
    const wrapped = new TypeError('fetch failed', { cause: refusal });
    expect(DestinationError.fromTransport('GET http://metadata/', wrapped)).toMatchObject({
      code: 'DESTINATION_URL_FORBIDDEN',
      retryable: false,
      reason: '169.254.169.254 is link-local',
    });
  });
});
