import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI and batch tests start Node processes and worker threads: seconds each on 2 busy
    // cores. A generous limit keeps CI from flaking; the suite itself takes ~30 s.
    testTimeout: 30_000,
  },
});
