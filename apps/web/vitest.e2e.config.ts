import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.spec.ts'],
    setupFiles: ['e2e/support/failure-logs.ts'],
    // Upper bounds, not waits: a step ends as soon as its condition holds. A loaded 2-core CI machine can take
    // minutes to boot five processes and run a multi-user scenario.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // expect.poll waits for a condition in a browser; on a busy 2-core machine that can take far longer than
    // vitest's 1 s default. A poll still ends as soon as its condition holds.
    expect: { poll: { timeout: 30_000 } },
  },
});
