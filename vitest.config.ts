import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/shared/**/*.test.ts', 'test/functions/**/*.test.ts', 'test/infra/**/*.test.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'stack',
          include: ['test/workflows/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          // One local stack (DynamoDB Local, SES emulator, Step Functions runner, API) for every file.
          globalSetup: ['test/support/local-stack.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
