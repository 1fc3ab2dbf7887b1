// The embedded local stack: DynamoDB Local, the SES emulator, the local Step Functions endpoint,
// the handlers as in-process Lambda, and the local API gateway, all on loopback. The handlers find
// the stand-ins through the SDK's own endpoint variables (AWS_ENDPOINT_URL_*), nothing else.

import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { FUNCTIONS } from '../function-catalog.js';
import { START_ENV, WORKFLOWS } from '../workflow-catalog.js';
import { startApiGatewayLocal } from './api-gateway-local.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { LOCAL_REGION, LocalLambda } from './lambda-runtime.js';
import { freePort } from './ports.js';
import { startPaymentsLocal, type PaymentsLocal } from './payments-local.js';
import { startSesLocal, type SesLocal } from './ses-local.js';
import { stateMachineArnOf, startStepFunctionsLocal, type StepFunctionsLocal } from './step-functions-local.js';

export interface LocalStackOptions {
  /** The API's port: 3000 by default, 0 for any free one. */
  apiPort?: number;
  /** The mail viewer's port: any free one by default. */
  mailViewerPort?: number;
  /** Local only: shortens every Retry pause of the workflows to this many ms. The files stay as they are. */
  retryDelayMs?: number;
  /** Local only: every Wait state of the workflows lasts this many ms. */
  waitMs?: number;
  /** The payment gateway's timeout as the functions see it (ms); tests shorten it. */
  paymentsTimeoutMs?: number;
  /** How long a buyer's request waits for the seller before the reminder, then before the operator (seconds). */
  approvalTiming?: { reminderAfterSeconds: number; handOverAfterSeconds: number };
}

export interface LocalStack {
  apiUrl: string;
  mailViewerUrl: string;
  /** Where the SDK sends mail; also takes POST /__faults to make SES fail. */
  sesEndpoint: string;
  /** The local payment gateway; takes POST /__faults to decline, time out or fail. */
  paymentsEndpoint: string;
  dynamoDbEndpoint: string;
  stepFunctionsEndpoint: string;
  tableName: string;
  lambda: LocalLambda;
  stepFunctions: StepFunctionsLocal;
  stop(): Promise<void>;
}

export const LOCAL_TABLE = 'order-claims-local';
export const LOCAL_NOTICE_FROM = 'no-reply@orders.example.com';
export const LOCAL_OPERATOR_EMAIL = 'operators@orders.example.com';

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const started = await Promise.allSettled([
    startDynamoDbLocal({ tableName: LOCAL_TABLE }),
    startSesLocal(options.mailViewerPort === undefined ? {} : { viewerPort: options.mailViewerPort }),
    startPaymentsLocal(),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // Leave nothing running behind a failed start.
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw failed.reason;
  }
  const [dynamo, ses, payments] = started.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [DynamoDbLocal, SesLocal, PaymentsLocal];
  const sfnPort = await freePort();
  const stepFunctionsEndpoint = `http://127.0.0.1:${sfnPort}`;
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
    AWS_ENDPOINT_URL_SFN: stepFunctionsEndpoint,
    TABLE_NAME: LOCAL_TABLE,
    NOTICE_FROM_ADDRESS: LOCAL_NOTICE_FROM,
    OPERATOR_EMAIL: LOCAL_OPERATOR_EMAIL,
    PAYMENTS_ENDPOINT: payments.endpoint,
    PAYMENTS_TIMEOUT_MS: String(options.paymentsTimeoutMs ?? 5000),
    [START_ENV.settleClaim]: stateMachineArnOf(WORKFLOWS.settleClaim.name),
    [START_ENV.approveCancelRequest]: stateMachineArnOf(WORKFLOWS.approveCancelRequest.name),
    ...(options.approvalTiming
      ? { APPROVAL_REMINDER_SECONDS: String(options.approvalTiming.reminderAfterSeconds), APPROVAL_HANDOVER_SECONDS: String(options.approvalTiming.handOverAfterSeconds) }
      : {}),
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_DEV: process.env.POWERTOOLS_DEV ?? 'true',
  });

  const lambda = new LocalLambda();
  await lambda.load(FUNCTIONS);
  const stepFunctions = await startStepFunctionsLocal({
    lambda,
    port: sfnPort,
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
  });

  const probe = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const healthy = async () => {
    try {
      await probe.send(new DescribeTableCommand({ TableName: LOCAL_TABLE }));
      const answers = await Promise.all([
        fetch(`${ses.viewerUrl}/health-check`).then((r) => r.ok),
        fetch(stepFunctions.endpoint, { method: 'POST', headers: { 'x-amz-target': 'AWSStepFunctions.DescribeExecution' }, body: '{}' }).then((r) => r.status === 400),
        fetch(`${payments.endpoint}/__operations`).then((r) => r.ok),
      ]);
      return answers.every(Boolean);
    } catch {
      return false;
    }
  };
  const api = await startApiGatewayLocal({ lambda, port: options.apiPort ?? 3000, healthy });

  return {
    apiUrl: api.url,
    mailViewerUrl: ses.viewerUrl,
    sesEndpoint: ses.endpoint,
    paymentsEndpoint: payments.endpoint,
    dynamoDbEndpoint: dynamo.endpoint,
    stepFunctionsEndpoint,
    tableName: LOCAL_TABLE,
    lambda,
    stepFunctions,
    stop: async () => {
      await api.stop();
      await stepFunctions.stop();
      probe.destroy();
      await Promise.all([ses.stop(), dynamo.stop(), payments.stop()]);
    },
  };
}
