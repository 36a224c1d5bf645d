import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sdk = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Plugins import the SDK by its package name, as partners do (package.json "exports").
    alias: [
      { find: /^cohort\/plugin-sdk\/testing$/, replacement: sdk('./src/plugin-sdk/testing.ts') },
      { find: /^cohort\/plugin-sdk$/, replacement: sdk('./src/plugin-sdk/index.ts') },
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
  },
});
