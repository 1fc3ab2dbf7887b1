// Every function gets exactly the variables its code reads: each bundle (the one CDK deploys) is
// loaded in a worker with the environment the catalog gives it, and the variables it reads at its
// cold start are recorded. Too few would fail in AWS; too many would be a grant it does not use.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../infra/function-catalog.js';
import { APPLICATION_VARIABLES, environmentOf, type Deployment } from '../../infra/function-environment.js';
import { localBundles } from '../../local/function-bundles.js';

/** Every optional setting given, so that every variable a function may read is present to be read. */
const EVERYTHING: Deployment = {
  tableName: 'order-claims',
  noticeFromAddress: 'notices@shop.example',
  sesConfigurationSet: 'order-claims',
  operatorEmail: 'support@shop.example',
  paymentsEndpoint: 'https://payments.shop.example/v1',
  paymentsTimeoutMs: 5000,
  paymentsWebhookSecretId: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:payments-webhook-AbCdEf',
  cardConfirmationWaitSeconds: 3600,
  workflowArn: (key) => `arn:aws:states:ap-northeast-1:123456789012:stateMachine:OrderClaims-${key}`,
  sellerCancelPolicy: '{"operatorOnlyPaymentMethods":[]}',
  refundFees: '{"CONVENIENCE_STORE":108}',
  approvalTiming: { reminderAfterSeconds: 345600, handOverAfterSeconds: 259200 },
  returnTiming: { shipBackSeconds: 1209600, receiptSeconds: 604800 },
  nonReceiptTiming: { answerSeconds: 259200, refundAfterSeconds: 172800, buyerSeconds: 604800 },
  reconcileAfterSeconds: 300,
  bulk: { approvalThreshold: 50, approvalWaitSeconds: 604800 },
};

let bundles: Map<string, string>;
beforeAll(async () => {
  bundles = await localBundles(FUNCTIONS);
}, 120_000);

function coldStart(
  spec: FunctionSpec,
  environment: Record<string, string>,
): Promise<{ read: string[]; error?: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../support/env-probe-worker.mjs', import.meta.url), {
      workerData: { bundleUrl: pathToFileURL(bundles.get(spec.name)!).href, environment },
      stdout: true,
      stderr: true,
    });
    worker.once('message', (message) => {
      void worker.terminate();
      resolve(message as { read: string[]; error?: string });
    });
    worker.once('error', reject);
  });
}

const runtime = {
  AWS_REGION: 'ap-northeast-1',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};
const application = (names: Iterable<string>) =>
  [...names].filter((name) => (APPLICATION_VARIABLES as readonly string[]).includes(name)).sort();

describe('each function’s environment is exactly what its code reads', () => {
  it.each(FUNCTIONS)('$kind/$name', async (spec) => {
    const given = environmentOf(spec, EVERYTHING);
    const started = await coldStart(spec, { ...runtime, ...given });
    expect(started.error).toBeUndefined();
    expect(application(started.read)).toEqual(application(Object.keys(given)));
  });

  it('a variable the code needs and was not given fails the cold start, naming it', async () => {
    const spec = FUNCTIONS.find((fn) => fn.name === 'cancel-order')!;
    const { OPERATOR_EMAIL: _missing, ...given } = environmentOf(spec, EVERYTHING);
    const started = await coldStart(spec, { ...runtime, ...given });
    expect(started.error).toMatch(/OPERATOR_EMAIL/);
  });
});
