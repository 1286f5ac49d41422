import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    // expect.poll's default bound is 1 s, far too short on a loaded 2-core CI machine; a poll still ends as soon
    // as its condition holds.
    expect: { poll: { timeout: 30_000 } },
    environment: 'node',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    env: { LOG_LEVEL: 'silent' },
    // Bounds, not expectations: every wait is on a condition, and CI runs beside other load (a child worker
    // took over 20 s to start at load average 30).
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
