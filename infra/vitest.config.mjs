import { defineConfig } from 'vitest/config';
// The launcher test boots the whole built system; on a busy 2-core machine start-up alone can take a minute.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.spec.mjs'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
