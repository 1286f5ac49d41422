import { defineConfig } from 'vitest/config';

// One long scenario: it spawns seven servers, so it runs alone (`pnpm test:scale`), never inside `turbo run test`.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.int.spec.ts'],
    testTimeout: 200_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
