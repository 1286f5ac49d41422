import { describe, expect, it } from 'vitest';
import { DEV_SECRET_KEYS as DEV } from '@pm/contracts';
import { loadWorkerConfig } from './config.js';

describe('worker config', () => {
  it('shares the database, Redis and logging defaults of every service', () => {
    expect(loadWorkerConfig({})).toMatchObject({
      NODE_ENV: 'development',
      DATABASE_URL: 'sqlite:.data/postmortems.db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'pm',
      LOG_LEVEL: 'info',
      WORKER_CONCURRENCY: 4,
    });
  });

  it('refuses a bad Redis URL and the test-only render delay in production, in one message', () => {
    expect(() =>
      loadWorkerConfig({
        NODE_ENV: 'production',
        REDIS_URL: 'localhost',
        WORKER_TEST_RENDER_DELAY_MS: '500',
      }),
    ).toThrow(
      [
        'Invalid worker configuration:',
        '  REDIS_URL: must be a redis:// or rediss:// URL',
        '  WORKER_TEST_RENDER_DELAY_MS: test-only setting, not allowed when NODE_ENV=production',
        '  SECRET_KEYS: required in production (id:base64 pairs, e.g. k1:$(openssl rand -base64 32))',
      ].join('\n'),
    );
    expect(
      loadWorkerConfig({ NODE_ENV: 'test', WORKER_TEST_RENDER_DELAY_MS: '500' }).WORKER_TEST_RENDER_DELAY_MS,
    ).toBe(500);
  });

  it('refuses the test-only clock file in production', () => {
    expect(() =>
      loadWorkerConfig({ NODE_ENV: 'production', SECRET_KEYS: DEV, WORKER_TEST_CLOCK_FILE: '/tmp/clock' }),
    ).toThrow('WORKER_TEST_CLOCK_FILE: test-only setting, not allowed when NODE_ENV=production');
    expect(loadWorkerConfig({ WORKER_TEST_CLOCK_FILE: '/tmp/clock' }).WORKER_TEST_CLOCK_FILE).toBe(
      '/tmp/clock',
    );
    expect(loadWorkerConfig({}).WORKER_TEST_CLOCK_FILE).toBeUndefined();
  });

  it('refuses loopback for outbound calls in production and allows it in tests', () => {
    expect(() =>
      loadWorkerConfig({
        NODE_ENV: 'production',
        SECRET_KEYS: DEV,
        OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true',
      }),
    ).toThrow('OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: test-only setting, not allowed when NODE_ENV=production');
    expect(loadWorkerConfig({ NODE_ENV: 'test', OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true' })).toMatchObject({
      OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: true,
    });
    expect(loadWorkerConfig({}).OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS).toBe(false);
  });
});
