import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon; separate processes keep one test file's crash from taking the run down.
    pool: 'forks',
    // One file at a time: on our 2-core machines the browser tests time their keystrokes against a real
    // renderer, and LibreOffice, the crash loop and the bundling tests running beside them starve it.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
