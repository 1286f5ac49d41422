import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // expect.poll waits for a condition in a browser; on a busy 2-core machine that can take far longer than
    // vitest's 1 s default. A poll still ends as soon as its condition holds.
    expect: { poll: { timeout: 30_000 } },
  },
});
