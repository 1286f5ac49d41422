import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    env: { LOG_LEVEL: 'silent' },
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
