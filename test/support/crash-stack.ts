// A local stack in a process of its own, for the crash test: started on a data directory, it prints
// its addresses and then runs until it is killed (SIGKILL, the whole process group).
import { RAISED_ACCOUNT } from '../../local/quotas.js';
import { startLocalStack } from '../../local/stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const stack = await startLocalStack({
  apiPort: 0,
  // As npm start gives them by default (0: any free port), so the test runs what a developer runs.
  ports: { mailViewer: 0, ses: 0, dynamoDb: 0, stepFunctions: 0, payments: 0 },
  dataDir: process.env.CRASH_DATA_DIR!,
  retryDelayMs: 20,
  waitMs: 20,
  paymentsTimeoutMs: 300,
  // A card refund whose webhook the kill lost is asked after at the end of its wait (an hour in AWS).
  cardConfirmationWaitSeconds: 2,
  approvalTiming: { reminderAfterSeconds: 600, handOverAfterSeconds: 600 },
  reconcile: { everyMs: 1000, afterSeconds: 2 },
  log: () => undefined,
  // Hundreds of claims at once, through a kill: behaviour, on an account whose quotas were raised.
  quotas: RAISED_ACCOUNT,
});
process.stdout.write(
  `READY ` +
    `${JSON.stringify({ apiUrl: stack.apiUrl, stepFunctionsEndpoint: stack.stepFunctionsEndpoint, paymentsEndpoint: stack.paymentsEndpoint })}\n`,
);
