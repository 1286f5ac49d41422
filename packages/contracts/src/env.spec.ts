import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  collabSecretOrDev,
  collabSecretProblems,
  COLLAB_LISTEN_ENV,
  COLLAB_SECRET_ENV,
  DATABASE_ENV,
  DEV_COLLAB_SECRET,
  envBoolean,
  LOG_ENV,
  ORIGINS_ENV,
  parseEnv,
  REDIS_ENV,
  RUNTIME_ENV,
} from './env.js';

/** A service schema composed the way every app's src/config.ts does it. */
const Service = z.object({
  ...RUNTIME_ENV,
  ...DATABASE_ENV,
  ...REDIS_ENV,
  ...LOG_ENV,
  ...COLLAB_SECRET_ENV,
  ...COLLAB_LISTEN_ENV,
  ...ORIGINS_ENV,
  FEATURE: envBoolean.default(false),
});

const problemsOf = (env: Record<string, string>) => {
  const result = parseEnv(Service, env, [collabSecretProblems]);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('env fragments', () => {
  it('give a service working local defaults with no environment at all', () => {
    const result = parseEnv(Service, {});
    expect(result).toEqual({
      ok: true,
      data: {
        NODE_ENV: 'development',
        DATABASE_URL: 'sqlite:.data/postmortems.db',
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: 'pm',
        LOG_LEVEL: 'info',
        COLLAB_HOST: '127.0.0.1',
        COLLAB_PORT: 3001,
        ALLOWED_ORIGINS: [
          'http://127.0.0.1:4173',
          'http://localhost:4173',
          'http://127.0.0.1:4174',
          'http://localhost:4174',
        ],
        FEATURE: false,
      },
    });
    expect(collabSecretOrDev(undefined)).toBe(DEV_COLLAB_SECRET);
  });

  it('refuses a Redis URL that is not redis:// or rediss://, naming the variable', () => {
    expect(problemsOf({ REDIS_URL: 'http://cache:6379' })).toEqual([
      'REDIS_URL: must be a redis:// or rediss:// URL',
    ]);
    expect(problemsOf({ REDIS_URL: 'localhost:6379' })).toEqual([
      'REDIS_URL: must be a redis:// or rediss:// URL',
    ]);
    const tls = parseEnv(Service, { REDIS_URL: 'rediss://user:pw@cache.example:6380/2' });
    expect(tls.ok && tls.data.REDIS_URL).toBe('rediss://user:pw@cache.example:6380/2');
  });

  it('refuses a database URL of an unsupported kind and a schema name that is no identifier', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://db/pm', DATABASE_SCHEMA: 'x; drop' })).toEqual([
      'DATABASE_URL: must start with postgresql://, sqlite: or file:',
      'DATABASE_SCHEMA: must be a lower-case SQL identifier',
    ]);
    for (const url of [
      'postgresql://u@db/pm?schema=t_1',
      'postgres://db/pm',
      'sqlite::memory:',
      'file:/x.db',
    ]) {
      expect(parseEnv(Service, { DATABASE_URL: url }).ok, url).toBe(true);
    }
  });

  it('treats empty values as unset and reads booleans and lists the same way in every service', () => {
    const result = parseEnv(Service, {
      LOG_LEVEL: '',
      FEATURE: 'yes',
      ALLOWED_ORIGINS: ' https://a.example ,,https://b.example ',
    });
    expect(result.ok && result.data).toMatchObject({
      LOG_LEVEL: 'info',
      FEATURE: true,
      ALLOWED_ORIGINS: ['https://a.example', 'https://b.example'],
    });
    for (const [raw, value] of [
      ['true', true],
      ['1', true],
      ['on', true],
      ['off', false],
      ['no', false],
    ] as const) {
      expect(envBoolean.parse(raw), raw).toBe(value);
    }
    expect(problemsOf({ FEATURE: 'maybe' })).toEqual([expect.stringMatching(/^FEATURE: /)]);
  });

  it('requires a real collab secret in production and reports it next to every other problem', () => {
    expect(problemsOf({ NODE_ENV: 'production', LOG_LEVEL: 'loud', COLLAB_PORT: 'x' })).toEqual([
      expect.stringMatching(/^LOG_LEVEL: /),
      expect.stringMatching(/^COLLAB_PORT: /),
      'COLLAB_TOKEN_SECRET: required in production (at least 16 characters)',
    ]);
    expect(problemsOf({ COLLAB_TOKEN_SECRET: 'short' })).toEqual([
      expect.stringMatching(/^COLLAB_TOKEN_SECRET: /),
    ]);
    const prod = parseEnv(Service, { NODE_ENV: 'production', COLLAB_TOKEN_SECRET: 's'.repeat(16) }, [
      collabSecretProblems,
    ]);
    expect(prod.ok && collabSecretOrDev(prod.data.COLLAB_TOKEN_SECRET)).toBe('s'.repeat(16));
  });
});
