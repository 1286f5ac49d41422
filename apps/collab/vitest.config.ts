import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    // expect.poll's default bound is 1 s, far too short on a loaded 2-core CI machine; a poll still ends as soon
    // as its condition holds.
    expect: { poll: { timeout: 30_000 } },
    environment: 'node',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    env: { LOG_LEVEL: 'warn' },
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false, // files share one Redis and one PostgreSQL server
  },
});
