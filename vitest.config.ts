import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['packages/server/src/test/global-setup.ts'],
    // every skipped test is listed with its reason at the end of a full run
    reporters: ['default', './packages/server/src/test/skip-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite databases are per test file; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
  },
});
