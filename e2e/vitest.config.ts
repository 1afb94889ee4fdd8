// Browser tests: one user journey per file, run one file at a time against the real server
// (built web app + API on a fresh embedded database) in Debian's Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // a page's lazy chunk and its first requests can take more than vitest's default second on
    // a loaded two-core machine; a poll still fails fast when the thing never appears
    expect: { poll: { timeout: 10_000 } },
  },
});
