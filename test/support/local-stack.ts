// Starts one local stack for the workflow and end-to-end tests, and hands its addresses to them.
import type { TestProject } from 'vitest/node';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sesEndpoint: string;
    paymentsEndpoint: string;
    mailViewerUrl: string;
    stepFunctionsEndpoint: string;
    dynamoDbEndpoint: string;
    tableName: string;
  }
}

let stack: LocalStack | undefined;

export async function setup(project: TestProject) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  // Retry pauses shortened by configuration: the workflow files are the deployed ones.
  stack = await startLocalStack({ apiPort: 0, retryDelayMs: 20, waitMs: 20, paymentsTimeoutMs: 300 });
  project.provide('apiUrl', stack.apiUrl);
  project.provide('sesEndpoint', stack.sesEndpoint);
  project.provide('paymentsEndpoint', stack.paymentsEndpoint);
  project.provide('mailViewerUrl', stack.mailViewerUrl);
  project.provide('stepFunctionsEndpoint', stack.stepFunctionsEndpoint);
  project.provide('dynamoDbEndpoint', stack.dynamoDbEndpoint);
  project.provide('tableName', stack.tableName);
}

export async function teardown() {
  await stack?.stepFunctions.idle();
  await stack?.stop();
}
