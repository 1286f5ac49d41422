import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    env: { LOG_LEVEL: 'warn' },
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false, // files share one Redis and one PostgreSQL server
  },
});
