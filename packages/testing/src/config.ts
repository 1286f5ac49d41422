/** Service URLs for tests. The only place in this package that reads `process.env`. */
export interface TestConfig {
  redisUrl: string;
  pgUrl: string;
}

const DEFAULTS: TestConfig = {
  redisUrl: 'redis://127.0.0.1:6379',
  pgUrl: 'postgresql://postgres@127.0.0.1:5432/test',
};

/**
 * `REDIS_URL` / `PG_URL` with local defaults. When `CI` is set a missing URL throws instead, so a CI run whose
 * environment was stripped (e.g. by turbo's strict env mode) fails loudly rather than testing against nothing.
 */
export function testConfig(env: NodeJS.ProcessEnv = process.env): TestConfig {
  const missing = (['REDIS_URL', 'PG_URL'] as const).filter((k) => !env[k]);
  if (env.CI && missing.length > 0)
    throw new Error(`CI is set but ${missing.join(', ')} missing: tests need real services`);
  return { redisUrl: env.REDIS_URL || DEFAULTS.redisUrl, pgUrl: env.PG_URL || DEFAULTS.pgUrl };
}
