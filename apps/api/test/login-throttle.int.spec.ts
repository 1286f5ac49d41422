// The login throttle is shared by every API replica: two API apps on one Redis (same REDIS_PREFIX) count one
// email's failures together, and unknown emails are treated exactly like wrong passwords.
import { cleanRedisPrefix, testConfig, uniqueRedisPrefix, waitFor } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../src/modules/auth/login-throttle.js';
import { startApi, type Harness } from './harness.js';

describe('login throttle across two API instances', () => {
  const prefix = uniqueRedisPrefix('throttle');
  const redis = new Redis(testConfig().redisUrl);
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startApi('sqlite', { REDIS_PREFIX: prefix }),
      startApi('sqlite', { REDIS_PREFIX: prefix }),
    ]);
    // The apps' Redis connections refuse commands until connected; count only once both are up.
    await waitFor(() => a.app.get(Redis).status === 'ready' && b.app.get(Redis).status === 'ready', {
      timeout: 30_000,
    });
  });

  afterAll(async () => {
    await cleanRedisPrefix(redis, prefix);
    redis.disconnect();
    await Promise.all([a?.close(), b?.close()]);
  });

  /** One sign-in attempt; returns the answer and how long it took. */
  const attempt = async (h: Harness, email: string, password: string) => {
    const t0 = performance.now();
    const res = await h.http().post('/auth/login').send({ email, password });
    return { status: res.status, code: res.body.code as string | undefined, ms: performance.now() - t0 };
  };
  const failures = async (email: string) => Number(await redis.get(a.app.get(LoginThrottle).key(email)));

  it('failures on instance A slow down attempts on instance B, and a success on B clears them for A', async () => {
    const email = 'standard@example.com';
    // Three free failures, spread over both instances.
    for (const h of [a, b, a]) {
      expect(await attempt(h, email, 'wrong-password')).toMatchObject({
        status: 401,
        code: 'INVALID_CREDENTIALS',
      });
    }
    expect(await failures(email)).toBe(3);
    // The fourth attempt, on B, waits for A's failures (250 ms after three), and so does the next one on A (500 ms).
    const onB = await attempt(b, email, 'wrong-password');
    expect(onB).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(onB.ms).toBeGreaterThanOrEqual(250);
    const onA = await attempt(a, email, 'WRONG-PASSWORD');
    expect(onA.ms).toBeGreaterThanOrEqual(500);
    expect(await failures(email.toUpperCase())).toBe(5);
    // The right password still works (after the delay) and clears the shared count.
    expect((await attempt(b, email, 'postmortem-demo')).status).toBe(200);
    expect(await redis.exists(a.app.get(LoginThrottle).key(email))).toBe(0);
  });

  it('counts an unknown email like a wrong password, with the same answer, on every instance', async () => {
    const ghost = 'nobody-here@example.com';
    const answers = [];
    for (const h of [a, b, a]) answers.push(await attempt(h, ghost, 'whatever'));
    expect(answers.map(({ status, code }) => ({ status, code }))).toEqual(
      Array(3).fill({ status: 401, code: 'INVALID_CREDENTIALS' }),
    );
    expect(await failures(ghost)).toBe(3);
    expect((await attempt(b, ghost, 'whatever')).ms).toBeGreaterThanOrEqual(250);
    // The counter forgets on its own: it carries an expiry instead of living forever.
    const ttl = await redis.pttl(a.app.get(LoginThrottle).key(ghost));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
  });
});
