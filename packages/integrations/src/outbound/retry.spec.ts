import { describe, expect, it } from 'vitest';
import { DestinationError } from '../destinations/destination-error.js';
import { TrackerError } from '../trackers/tracker-error.js';
import { backoffMs, withRetry } from './retry.js';

const failed = (status: number, headers: Record<string, string> = {}, reason = 'r') =>
  TrackerError.fromAnswer({ target: 'POST http://x/', status, headers, reason });

const recorder = () => {
  const waits: number[] = [];
  return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
};

describe('backoffMs', () => {
  it('is equal jitter under a doubling, capped step', () => {
    expect(backoffMs(1, { random: () => 0 })).toBe(250);
    expect(backoffMs(3, { random: () => 0.5 })).toBe(1500);
    expect(backoffMs(20, { random: () => 1 })).toBe(30_000);
  });

  it('keeps every backoff between half and all of its cap', () => {
    for (const r of [0, 0.999]) {
      const ms = backoffMs(3, { baseDelayMs: 1000, maxDelayMs: 3000, random: () => r });
      expect(ms).toBeGreaterThanOrEqual(1500);
      expect(ms).toBeLessThanOrEqual(3000);
    }
  });
});

describe('withRetry', () => {
  it('waits exactly as long as a 429 says, then succeeds', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      () => {
        calls++;
        if (calls < 3) throw failed(429, { 'retry-after': String(calls) }, 'slow down');
        return Promise.resolve('ok');
      },
      { sleep },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([1000, 2000]);
  });

  it('backs off exponentially with jitter on 5xx and gives up after maxAttempts with the last error', async () => {
    const { waits, sleep } = recorder();
    const failing = withRetry(() => Promise.reject(failed(502, {}, 'bad gateway')), {
      sleep,
      maxAttempts: 4,
      baseDelayMs: 100,
      random: () => 0.5,
    });
    await expect(failing).rejects.toMatchObject({ code: 'TRACKER_UNAVAILABLE', status: 502, attempts: 4 });
    expect(waits).toEqual([75, 150, 300]);
  });

  it('stops after maxAttempts on network errors and reports them as unavailable', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const e: unknown = await withRetry(
      () => {
        calls++;
        return Promise.reject(DestinationError.fromTransport('POST http://x/', new Error('socket hang up')));
      },
      { maxAttempts: 4, sleep, random: () => 1 },
    ).catch((x: unknown) => x);
    expect(calls).toBe(4);
    expect(waits).toEqual([500, 1000, 2000]);
    expect(e).toBeInstanceOf(DestinationError);
    expect(e).toMatchObject({
      code: 'DESTINATION_UNAVAILABLE',
      reason: 'socket hang up',
      attempts: 4,
      retryable: true,
    });
  });

  it('does not retry a permanent 4xx or a bug', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const notFound = withRetry(
      () => {
        calls++;
        return Promise.reject(failed(404, {}, 'gone'));
      },
      { sleep },
    );
    await expect(notFound).rejects.toMatchObject({ code: 'TRACKER_NOT_FOUND', attempts: 1 });
    await expect(withRetry(() => Promise.reject(new RangeError('bug')), { sleep })).rejects.toThrow(
      RangeError,
    );
    expect([calls, waits]).toEqual([1, []]);
  });

  it('hands a Retry-After longer than it will hold a worker back to the caller at once', async () => {
    const { waits, sleep } = recorder();
    const error = await withRetry(() => Promise.reject(failed(429, { 'retry-after': '3600' }, 'later')), {
      sleep,
      maxRetryAfterMs: 60_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000, retryable: true });
    expect(waits).toEqual([]);
  });
});
