import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The SDK's notice that its releases after January 2027 need Node 22: known (ARCHITECTURE.md), and noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // The JSON report lets .ci/run print the plain 'N passed, N failed' line CI reads.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/shared/**/*.test.ts', 'test/functions/**/*.test.ts', 'test/infra/**/*.test.ts', 'test/console/**/*.test.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'stack',
          include: ['test/workflows/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/adversarial/**/*.test.ts'],
          // One local stack (DynamoDB Local, SES emulator, Step Functions runner, API) for every file.
          globalSetup: ['test/support/local-stack.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
