// The embedded local stack: DynamoDB Local, the SES emulator, the payment gateway, the local Step
// Functions endpoint, the functions (their deployed bundles, each in its own worker with only the
// environment CDK gives it) and the local API gateway, all on loopback. The functions find the
// stand-ins through the SDK's own endpoint variables (AWS_ENDPOINT_URL_*), nothing else.

import { randomBytes } from 'node:crypto';
import { FUNCTIONS } from '../infra/function-catalog.js';
import { environmentOf, type Deployment } from '../infra/function-environment.js';
import { WORKFLOWS } from '../infra/workflow-catalog.js';
import { startApiGatewayLocal } from './api-gateway-local.js';
import { startDynamoDbGuard } from './iam/dynamodb-guard.js';
import { LocalIam } from './iam/local-iam.js';
import { accessKeyOf, secretsAuthorizations, sesAuthorizations, stepFunctionsAuthorizations } from './iam/requests.js';
import { synthesizedStack } from './iam/synthesized-stack.js';
import { startConsoleLocal } from './console-local.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { startEventBusLocal, type EventBusLocal } from './event-bus-local.js';
import { localBundles } from './function-bundles.js';
import { startLambdaApiLocal } from './lambda-api.js';
import { LocalLambda } from './lambda-runtime.js';
import { freePort } from './ports.js';
import { functionRuntime } from './function-runtime.js';
import { startSchedulerLocal } from './scheduler-local.js';
import { deliverSesFeedback } from './sns-feedback.js';
import { startPaymentsLocal, type PaymentsLocal } from './payments/payments-local.js';
import { accountQuotas, SES_SANDBOX_QUOTA, type AccountQuotas, type QuotaOverrides } from './quotas.js';
import { localSecretArn, startSecretsLocal, type SecretsLocal } from './secrets-local.js';
import { startSesLocal, type SesLocal } from './ses/ses-local.js';
import {
  stateMachineArnOf,
  stateMachineOfToken,
  startStepFunctionsLocal,
  type StepFunctionsLocal,
} from './step-functions/index.js';

export interface LocalStackOptions {
  /** The API's port: 3000 by default, 0 for any free one. */
  apiPort?: number;
  /** Each stand-in's port; any free one when absent. */
  ports?: { mailViewer?: number; ses?: number; dynamoDb?: number; stepFunctions?: number; payments?: number };
  /** Local only: shortens every Retry pause of the workflows to this many ms. The files stay as they are. */
  retryDelayMs?: number;
  /** Local only: every Wait state of the workflows lasts this many ms. */
  waitMs?: number;
  /** The payment gateway's timeout as the functions see it (ms); tests shorten it. */
  paymentsTimeoutMs?: number;
  /** How long a card refund waits for the gateway's webhook before asking (seconds; 1 hour in AWS). */
  cardConfirmationWaitSeconds?: number;
  /** How long a buyer's request waits for the seller before the reminder, then before the operator (seconds). */
  approvalTiming?: { reminderAfterSeconds: number; handOverAfterSeconds: number };
  /** How long a return waits for the buyer's parcel, then for the seller's receipt (seconds). */
  returnTiming?: { shipBackSeconds: number; receiptSeconds: number };
  /** How long a non-receipt report waits for the seller's answer, then for the operator (seconds). */
  nonReceiptTiming?: { answerSeconds: number; refundAfterSeconds: number; buyerSeconds: number };
  /** SES as in a new AWS account: only verified identities may send and receive (1 a second, 200 a day). */
  sesSandbox?: { verifiedIdentities: string[] };
  /** The account's quotas, each as given, else a new production account's (local/quotas.ts). */
  quotas?: QuotaOverrides;
  /** The functions' log level (Powertools); WARN unless given. */
  logLevel?: string;
  /** Where the functions' log lines go; standard output unless given. */
  log?: (line: string) => void;
  /** Keep the data (DynamoDB, the payment gateway's operations) here, across restarts; in memory when absent. */
  dataDir?: string;
  /**
   * Puts something between the functions and DynamoDB (the benchmark's capacity counter): answers the endpoint the
   * functions use.
   */
  dynamoDbProxy?: (endpoint: string) => Promise<string>;
  /**
   * Where the event bus stand-in POSTs each integration event (EventBridge's envelope), besides keeping it for GET
   * /__events.
   */
  forwardEventsTo?: string;
  /** How often the reconciler runs (EventBridge Scheduler: every 5 minutes), and after how long it looks at a claim. */
  reconcile?: { everyMs: number; afterSeconds: number };
  /** Over how many orders a bulk cancellation waits for an operator (50), and for how long (seconds; 7 days). */
  bulk?: { approvalThreshold?: number; approvalWaitSeconds?: number };
}

export interface LocalStack {
  apiUrl: string;
  mailViewerUrl: string;
  /** Where the SDK sends mail; also takes POST /__faults to make SES fail. */
  sesEndpoint: string;
  /** The local payment gateway; takes POST /__faults to decline, time out or fail. */
  paymentsEndpoint: string;
  /** What the gateway signs its webhooks with (Secrets Manager has it for the function that checks them). */
  paymentsWebhookSecret: string;
  dynamoDbEndpoint: string;
  stepFunctionsEndpoint: string;
  tableName: string;
  lambda: LocalLambda;
  stepFunctions: StepFunctionsLocal;
  events: EventBusLocal;
  /**
   * IAM as the synthesized stack's policies say, enforced on every call the functions, state machines, schedule and
   * pipe make.
   */
  iam: LocalIam;
  /** The quotas the stand-ins enforce. */
  quotas: AccountQuotas;
  stop(): Promise<void>;
}

export const LOCAL_TABLE = 'order-claims-local';
export const LOCAL_NOTICE_FROM = 'no-reply@orders.example.com';
export const LOCAL_OPERATOR_EMAIL = 'operators@orders.example.com';
export const LOCAL_CONFIGURATION_SET = 'order-claims-local';
export const LOCAL_WEBHOOK_SECRET_NAME = 'order-claims-local/payments-webhook';

/** The settings the stack is synthesized with for its policies: the local sender's identity is the one granted. */
export const LOCAL_SETTINGS = {
  noticeFromAddress: LOCAL_NOTICE_FROM,
  operatorEmail: LOCAL_OPERATOR_EMAIL,
  paymentsEndpoint: 'https://payments.local.invalid/v1',
};

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const ports = options.ports ?? {};
  // A fresh secret each start: the local gateway signs with it, the webhook function reads it from Secrets Manager.
  const webhookSecret = randomBytes(24).toString('base64url');
  const quotas = accountQuotas({ ...(options.sesSandbox ? { ses: SES_SANDBOX_QUOTA } : {}), ...options.quotas });
  const iam = new LocalIam(await synthesizedStack(LOCAL_SETTINGS), {
    tableName: LOCAL_TABLE,
    secretArn: localSecretArn(LOCAL_WEBHOOK_SECRET_NAME),
    configurationSet: LOCAL_CONFIGURATION_SET,
  });
  const started = await Promise.allSettled([
    startDynamoDbLocal({
      tableName: LOCAL_TABLE,
      ...(ports.dynamoDb ? { port: ports.dynamoDb } : {}),
      ...(options.dataDir ? { dataDir: `${options.dataDir}/dynamodb` } : {}),
    }),
    startSesLocal({
      configurationSets: [LOCAL_CONFIGURATION_SET],
      ...(ports.mailViewer ? { viewerPort: ports.mailViewer } : {}),
      ...(ports.ses ? { port: ports.ses } : {}),
      ...(options.sesSandbox ? { sandbox: options.sesSandbox } : {}),
      quota: quotas.ses,
      authorize: (headers, form) => iam.authorizeKey(accessKeyOf(headers), sesAuthorizations(form)),
    }),
    startPaymentsLocal({
      ...(ports.payments ? { port: ports.payments } : {}),
      ...(options.dataDir ? { journal: `${options.dataDir}/payments.jsonl` } : {}),
    }),
    startSecretsLocal(
      { [LOCAL_WEBHOOK_SECRET_NAME]: webhookSecret },
      {
        authorize: (headers, target, arn) => iam.authorizeKey(accessKeyOf(headers), secretsAuthorizations(target, arn)),
      },
    ),
    localBundles(FUNCTIONS),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // Leave nothing running behind a failed start.
    await Promise.all(
      started
        .slice(0, 4)
        .map((s) => (s.status === 'fulfilled' ? (s.value as { stop(): Promise<void> }).stop() : undefined)),
    );
    throw failed.reason;
  }
  const [dynamo, ses, payments, secrets, bundles] = started.map(
    (s) => (s as PromiseFulfilledResult<unknown>).value,
  ) as [DynamoDbLocal, SesLocal, PaymentsLocal, SecretsLocal, Map<string, string>];
  // Every call a function makes is authorized against its role before DynamoDB Local sees it.
  const guard = await startDynamoDbGuard({ upstream: dynamo.endpoint, iam });
  const functionsDynamoDbEndpoint = options.dynamoDbProxy
    ? await options.dynamoDbProxy(guard.endpoint)
    : guard.endpoint;
  // 0 (or none) is any free port: the functions must be told the real one before it listens.
  const sfnPort = ports.stepFunctions || (await freePort());
  const stepFunctionsEndpoint = `http://127.0.0.1:${sfnPort}`;
  const lambdaApiPort = await freePort();

  const deployment: Deployment = {
    tableName: LOCAL_TABLE,
    noticeFromAddress: LOCAL_NOTICE_FROM,
    sesConfigurationSet: LOCAL_CONFIGURATION_SET,
    operatorEmail: LOCAL_OPERATOR_EMAIL,
    paymentsEndpoint: payments.endpoint,
    ...(options.paymentsTimeoutMs === undefined ? {} : { paymentsTimeoutMs: options.paymentsTimeoutMs }),
    paymentsWebhookSecretId: LOCAL_WEBHOOK_SECRET_NAME,
    ...(options.cardConfirmationWaitSeconds === undefined
      ? {}
      : { cardConfirmationWaitSeconds: options.cardConfirmationWaitSeconds }),
    workflowArn: (key) => stateMachineArnOf(WORKFLOWS[key].name),
    ...(options.approvalTiming ? { approvalTiming: options.approvalTiming } : {}),
    ...(options.returnTiming ? { returnTiming: options.returnTiming } : {}),
    ...(options.nonReceiptTiming ? { nonReceiptTiming: options.nonReceiptTiming } : {}),
    ...(options.reconcile ? { reconcileAfterSeconds: options.reconcile.afterSeconds } : {}),
    ...(options.bulk ? { bulk: options.bulk } : {}),
  };
  const runtime = (name: string) =>
    functionRuntime(iam, name, {
      dynamoDb: functionsDynamoDbEndpoint,
      ses: ses.endpoint,
      stepFunctions: stepFunctionsEndpoint,
      secretsManager: secrets.endpoint,
      lambda: `http://127.0.0.1:${lambdaApiPort}`,
      logLevel: options.logLevel ?? 'WARN',
    });
  const lambda = new LocalLambda(
    await Promise.all(
      FUNCTIONS.map(async (spec) => ({
        name: spec.name,
        bundle: bundles.get(spec.name)!,
        environment: { ...(await runtime(spec.name)), ...environmentOf(spec, deployment) },
        timeoutSeconds: spec.timeoutSeconds,
      })),
    ),
    options.log,
    quotas.lambda.concurrentExecutions,
  );
  const lambdaApi = await startLambdaApiLocal(lambda, FUNCTIONS.length, lambdaApiPort, (headers, action) =>
    iam.authorizeKey(accessKeyOf(headers), [{ action, resource: '*' }]),
  );
  const stateMachineRoles = new Map(
    await Promise.all(
      Object.values(WORKFLOWS).map(async (spec) => [spec.name, await iam.stateMachine(spec.name)] as const),
    ),
  );
  const stepFunctions = await startStepFunctionsLocal({
    lambda,
    port: sfnPort,
    iam: {
      request: (headers, operation, body) =>
        iam.authorizeKey(accessKeyOf(headers), stepFunctionsAuthorizations(operation, body, stateMachineOfToken)),
      stateMachine: (workflow, action, resource) => iam.authorize(stateMachineRoles.get(workflow)!, action, resource),
    },
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
    quota: quotas.stepFunctions,
  });

  // DynamoDB Streams → EventBridge Pipes → the bus: the outbox's events, read from the table's stream.
  const events = await startEventBusLocal({
    dynamoDbEndpoint: dynamo.endpoint,
    tableName: LOCAL_TABLE,
    ...(options.forwardEventsTo ? { forwardTo: options.forwardEventsTo } : {}),
    pipe: async (streamArn) => {
      iam.setTableStreamArn(streamArn);
      const role = await iam.roleOfOnly('AWS::Pipes::Pipe');
      return {
        authorize: (action, resource) => iam.authorize(role, action, resource),
        busArn: iam.resolve<string>(iam.only('AWS::Pipes::Pipe').Properties!.Target),
      };
    },
  });
  const api = await startApiGatewayLocal({
    lambda,
    port: options.apiPort ?? 3000,
    events,
    console: await startConsoleLocal(),
  });
  payments.deliverWebhooksTo(`${api.url}/payments/webhooks`, webhookSecret);

  // The configuration set's event destination: SNS, and the function subscribed to it.
  ses.onEvent(deliverSesFeedback(lambda, 'record-email-feedback'));
  // EventBridge Scheduler: the reconciler, every 5 minutes unless told otherwise.
  const scheduler = await startSchedulerLocal(iam, lambda, options.reconcile?.everyMs ?? 5 * 60_000);

  return {
    apiUrl: api.url,
    mailViewerUrl: ses.viewerUrl,
    sesEndpoint: ses.endpoint,
    paymentsEndpoint: payments.endpoint,
    paymentsWebhookSecret: webhookSecret,
    dynamoDbEndpoint: dynamo.endpoint,
    stepFunctionsEndpoint,
    tableName: LOCAL_TABLE,
    lambda,
    stepFunctions,
    events,
    iam,
    quotas,
    stop: async () => {
      await scheduler.stop();
      await api.stop();
      await stepFunctions.stop();
      await lambda.stop();
      await lambdaApi.stop();
      await events.stop();
      await guard.stop();
      await Promise.all([ses.stop(), dynamo.stop(), payments.stop(), secrets.stop()]);
    },
  };
}
