// Starts one local stack for the workflow and end-to-end tests, and hands its addresses to them.
import { appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { RAISED_ACCOUNT } from '../../local/quotas.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sesEndpoint: string;
    paymentsEndpoint: string;
    paymentsWebhookSecret: string;
    mailViewerUrl: string;
    stepFunctionsEndpoint: string;
    dynamoDbEndpoint: string;
    tableName: string;
    /** Every log line the functions wrote, for the tests that check what must never be logged. */
    logFile: string;
  }
}

/** The functions log JSON lines at INFO; they go to a file instead of the test output. */
function captureFunctionLogs(): string {
  const logFile = join(tmpdir(), `order-claims-functions-${process.pid}.log`);
  writeFileSync(logFile, '');
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (String(chunk).startsWith('{"level"')) {
      appendFileSync(logFile, chunk);
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  return logFile;
}

let stack: LocalStack | undefined;

export async function setup(project: TestProject) {
  const logFile = captureFunctionLogs();
  // Retry pauses shortened by configuration: the workflow files are the deployed ones.
  stack = await startLocalStack({
    apiPort: 0,
    retryDelayMs: 20,
    waitMs: 20,
    paymentsTimeoutMs: 300,
    // A card refund waits 1 s for the gateway's webhook before asking (1 hour in AWS).
    cardConfirmationWaitSeconds: 1,
    // The 4 days of the guide, shortened by configuration: 3 s to the reminder, 3 s more to the operator.
    approvalTiming: { reminderAfterSeconds: 3, handOverAfterSeconds: 3 },
    // A return waits 8 s for the buyer's parcel (14 days), then 4 s for the seller's receipt (7 days) and 3 s more.
    returnTiming: { shipBackSeconds: 8, receiptSeconds: 4 },
    // A non-receipt report waits 5 s for the seller's answer (3 days), then the operator's time (a Wait state:
    // waitMs); an answer waits 8 s for the buyer (7 days).
    nonReceiptTiming: { answerSeconds: 5, refundAfterSeconds: 1, buyerSeconds: 8 },
    // The reconciler every second, for claims unchanged for 3 s (5 minutes each in AWS).
    reconcile: { everyMs: 1000, afterSeconds: 3 },
    // A bulk cancellation over 3 orders waits for an operator (50 by default), for 8 s (7 days).
    bulk: { approvalThreshold: 3, approvalWaitSeconds: 8 },
    logLevel: 'INFO',
    // The suites race many requests at once to test behaviour: an account whose quotas were raised.
    // A new account's own quotas have a stack of their own (test/e2e/account-quotas.test.ts).
    quotas: RAISED_ACCOUNT,
  });
  project.provide('apiUrl', stack.apiUrl);
  project.provide('sesEndpoint', stack.sesEndpoint);
  project.provide('paymentsEndpoint', stack.paymentsEndpoint);
  project.provide('paymentsWebhookSecret', stack.paymentsWebhookSecret);
  project.provide('mailViewerUrl', stack.mailViewerUrl);
  project.provide('stepFunctionsEndpoint', stack.stepFunctionsEndpoint);
  project.provide('dynamoDbEndpoint', stack.dynamoDbEndpoint);
  project.provide('tableName', stack.tableName);
  project.provide('logFile', logFile);
}

export async function teardown() {
  await stack?.stepFunctions.idle();
  await stack?.stop();
}
