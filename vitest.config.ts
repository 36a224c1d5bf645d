import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sdk = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Plugins import the SDK by its package name, as partners do (package.json "exports").
    alias: [
      { find: /^cohort\/plugin-sdk\/testing$/, replacement: sdk('./src/plugin-sdk/testing.ts') },
      { find: /^cohort\/plugin-sdk$/, replacement: sdk('./src/plugin-sdk/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'plugins/**/*.test.ts', 'examples/**/*.test.ts'],
    setupFiles: ['test/support/database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
