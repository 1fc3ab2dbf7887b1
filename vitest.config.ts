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
          // The fast loop (npm run test:unit): the domain, the use cases on fakes, the adapters and
          // handlers with the SDK mocked, the console's pieces. Files share one module graph
          // (isolate: false): ~15 s instead of ~60 s, and each file still passes alone.
          name: 'unit',
          include: ['test/shared/**/*.test.ts', 'test/functions/**/*.test.ts', 'test/console/**/*.test.ts'],
          exclude: ['**/*.isolated.test.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          isolate: false,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The few unit files that read process-wide state (zod's registry of built schemas): each
          // in a module graph of its own.
          name: 'unit-isolated',
          include: ['test/**/*.isolated.test.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // What is built from the code: the synthesized stack (cdk-nag, cfn-lint, policies), the
          // bundles, each function's environment, the workflow files, the OpenAPI document.
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
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
