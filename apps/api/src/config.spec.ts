import { DEV_COLLAB_SECRET, DEV_SECRET_KEYS } from '@pm/contracts';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const errorOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('API config', () => {
  it('runs locally with no environment, calling collab where collab listens by default', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({
      API_PORT: 3000,
      DATABASE_URL: 'sqlite:.data/postmortems.db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      COLLAB_TOKEN_SECRET: DEV_COLLAB_SECRET,
      SECRET_KEYS: DEV_SECRET_KEYS,
      COLLAB_PUBLIC_URL: 'ws://127.0.0.1:3001',
      COLLAB_INTERNAL_URL: 'http://127.0.0.1:3001',
      DB_MIGRATE_ON_START: true,
    });
    expect(cfg.ALLOWED_ORIGINS).toContain('http://127.0.0.1:4173');
  });

  it('calls collab on the port and host collab is told to listen on, or at COLLAB_INTERNAL_URL', () => {
    expect(loadConfig({ COLLAB_PORT: '4555' }).COLLAB_INTERNAL_URL).toBe('http://127.0.0.1:4555');
    expect(loadConfig({ COLLAB_HOST: '0.0.0.0', COLLAB_PORT: '4555' }).COLLAB_INTERNAL_URL).toBe(
      'http://127.0.0.1:4555',
    );
    const explicit = loadConfig({
      COLLAB_PORT: '4555',
      COLLAB_PUBLIC_URL: 'wss://collab.example.com',
      COLLAB_INTERNAL_URL: 'http://collab.internal:3001/',
    });
    expect(explicit.COLLAB_INTERNAL_URL).toBe('http://collab.internal:3001');
    expect(explicit.COLLAB_PUBLIC_URL).toBe('wss://collab.example.com');
  });

  it('prints every problem at once, each naming its variable', () => {
    const message = errorOf({
      NODE_ENV: 'production',
      REDIS_URL: 'http://cache:6379',
      COLLAB_INTERNAL_URL: 'ws://collab:3001',
      SWAGGER: 'maybe',
      CORS_ORIGINS: 'https://pm.example.com',
    });
    expect(message.split('\n')).toEqual([
      'Invalid API configuration:',
      '  REDIS_URL: must be a redis:// or rediss:// URL',
      '  COLLAB_INTERNAL_URL: must be an http:// or https:// URL',
      expect.stringMatching(/^ {2}SWAGGER: /),
      '  COLLAB_TOKEN_SECRET: required in production (at least 16 characters)',
      '  SECRET_KEYS: required in production (id:base64 pairs, e.g. k1:$(openssl rand -base64 32))',
      '  CORS_ORIGINS: renamed to ALLOWED_ORIGINS (one list for the API and the collab server)',
    ]);
  });

  it('takes SECRET_KEYS as id:base64 pairs of 32-byte keys and refuses anything else', () => {
    const keys = `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(
      loadConfig({ NODE_ENV: 'production', SECRET_KEYS: keys, COLLAB_TOKEN_SECRET: 'x'.repeat(16) })
        .SECRET_KEYS,
    ).toBe(keys);
    expect(errorOf({ SECRET_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` })).toContain(
      'SECRET_KEYS: comma-separated id:base64 pairs',
    );
  });
});
