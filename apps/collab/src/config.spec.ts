import { DEV_COLLAB_SECRET } from '@pm/contracts';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('collab config', () => {
  it('has working local defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3001,
      host: '127.0.0.1',
      redisUrl: 'redis://127.0.0.1:6379',
      redisEnabled: true,
      redisPrefix: 'pm',
      tokenSecret: DEV_COLLAB_SECRET,
      storeDebounceMs: 2000,
      storeMaxDebounceMs: 10000,
      allowMissingOrigin: true,
    });
    expect(c.databaseUrl).toBe('sqlite:.data/postmortems.db');
    expect(c.allowedOrigins).toEqual([
      'http://127.0.0.1:4173',
      'http://localhost:4173',
      'http://127.0.0.1:4174',
      'http://localhost:4174',
    ]);
  });

  it('parses explicit values', () => {
    const c = loadConfig({
      COLLAB_PORT: '0',
      COLLAB_REDIS: 'off',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      DATABASE_URL: 'postgresql://u@db/pm',
      DATABASE_SCHEMA: 'tenant_1',
      COLLAB_TOKEN_SECRET: 'x'.repeat(32),
    });
    expect(c).toMatchObject({
      port: 0,
      redisEnabled: false,
      databaseUrl: 'postgresql://u@db/pm',
      databaseSchema: 'tenant_1',
    });
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('requires a real token secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('COLLAB_TOKEN_SECRET')]);
    expect(loadConfig({ NODE_ENV: 'production', COLLAB_TOKEN_SECRET: 's'.repeat(16) }).tokenSecret).toBe(
      's'.repeat(16),
    );
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      COLLAB_PORT: 'abc',
      REDIS_URL: 'http://nope',
      STORE_DEBOUNCE_MS: '-1',
      LOG_LEVEL: 'loud',
      COLLAB_REDIS: 'maybe',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['COLLAB_PORT', 'REDIS_URL', 'STORE_DEBOUNCE_MS', 'LOG_LEVEL', 'COLLAB_REDIS']),
    );
  });

  it('rejects an unknown database URL and a max debounce below the debounce', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x',
      STORE_DEBOUNCE_MS: '5000',
      STORE_MAX_DEBOUNCE_MS: '1000',
    });
    expect(problems).toEqual([
      'DATABASE_URL: must start with postgresql://, sqlite: or file:',
      'STORE_MAX_DEBOUNCE_MS: must be at least STORE_DEBOUNCE_MS',
    ]);
  });
});
