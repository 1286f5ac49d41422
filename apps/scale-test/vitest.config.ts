import { defineConfig } from 'vitest/config';

// One long scenario: it spawns seven servers, so it runs alone (`pnpm test:scale`), never inside `turbo run test`.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.int.spec.ts'],
    testTimeout: 300_000,
    hookTimeout: 200_000,
    fileParallelism: false,
  },
});
