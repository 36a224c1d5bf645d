import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      // One graphql instance, as under Node: Vite would otherwise load graphql's ESM build for
      // our files while Yoga and Pothos load its CommonJS build, and `instanceof GraphQLError` fails.
      { find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'plugins/**/*.test.ts', 'examples/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One test file per core at once. vitest's default (cores − 1) ran the files one after the
    // other on a 2-core machine, while many spend much of their time waiting on something else
    // (servers they spawn, a browser, PostgreSQL, background jobs' polls). Each file has a
    // database of its own (support/database.ts), so files running together do not meet.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
