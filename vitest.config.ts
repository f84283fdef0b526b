import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The command line runs the built dist/: build it once before the tests.
    globalSetup: ['test/global-setup.ts'],
    // CLI and batch tests start Node processes and worker threads: seconds each on 2 busy
    // cores. A generous limit keeps CI from flaking.
    testTimeout: 30_000,
  },
});
