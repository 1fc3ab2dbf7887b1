// npm start: the whole system on loopback, seeded with demo orders. Ctrl-C stops everything.
// The data is kept in .local/data across restarts; `npm start -- --fresh` starts empty.

import { JAVA_MISSING, javaAvailable } from './dynamodb-local.js';
import { seedDemoOrders } from './dev-tools/seed.js';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startLocalStack } from './stack.js';

// The SDK's notice that releases after January 2027 need Node 22: known (ARCHITECTURE.md), and noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

if (!javaAvailable()) {
  console.error(JAVA_MISSING);
  process.exit(1);
}

/**
 * A port from the environment: a number from 0 to 65535 (0: any free one, as the printed addresses then say), or the
 * default.
 */
function port(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    console.error(`${variable}=${value} is not a port (0–65535; 0 for any free one).`);
    process.exit(2);
  }
  return number;
}

/** A quota from the environment: a positive number, or the new production account's default. */
function quota(variable: string): number | undefined {
  const value = process.env[variable];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    console.error(`${variable}=${value} is not a positive number.`);
    process.exit(2);
  }
  return number;
}
const [sendRate, dailySends, concurrency] = [
  quota('SES_MAX_SEND_RATE'),
  quota('SES_MAX_24_HOUR_SEND'),
  quota('LAMBDA_CONCURRENCY'),
];

const fresh = process.argv.includes('--fresh');
// LOCAL_DATA_DIR keeps a second stack's data apart (the README's own test runs one).
const dataDir = process.env.LOCAL_DATA_DIR || fileURLToPath(new URL('../.local/data', import.meta.url));
if (fresh) rmSync(dataDir, { recursive: true, force: true });
console.log(`Starting DynamoDB Local, the SES emulator, the payment gateway, the Step Functions endpoint, the functions and the API…
Data: ${dataDir} (${fresh ? 'started empty' : 'kept across restarts; npm start -- --fresh starts empty'})`);
// Wait states (the card side's confirmation) last 2 s here, so a demo refund completes while you watch.
const stack = await startLocalStack({
  apiPort: port('PORT', 3000),
  ports: {
    mailViewer: port('MAIL_PORT', 8005),
    ses: port('SES_PORT', 8006),
    dynamoDb: port('DYNAMODB_PORT', 0),
    stepFunctions: port('STEPFUNCTIONS_PORT', 0),
    payments: port('PAYMENTS_PORT', 0),
  },
  waitMs: 2000,
  retryDelayMs: 2000,
  // The gateway confirms card refunds by webhook at once; one whose webhook is lost is asked after a minute (an hour in
  // AWS).
  cardConfirmationWaitSeconds: 60,
  dataDir,
  // The reconciler every minute (every 5 in AWS): after a restart, claims whose runs were lost go on.
  reconcile: { everyMs: 60_000, afterSeconds: 60 },
  // A new production account's quotas (14 e-mails a second, 50,000 a day, 10 functions at once) unless raised here.
  quotas: {
    ses: { ...(sendRate ? { maxSendRate: sendRate } : {}), ...(dailySends ? { max24HourSend: dailySends } : {}) },
    lambda: concurrency ? { concurrentExecutions: concurrency } : {},
  },
  // Each integration event POSTed there too, as an EventBridge rule's API destination would.
  ...(process.env.EVENTS_FORWARD_URL ? { forwardEventsTo: process.env.EVENTS_FORWARD_URL } : {}),
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const seeded = await seedDemoOrders(stack.apiUrl);
const api = stack.apiUrl;
console.log(`
Order claims, running locally.

  API             ${api}   (GET /health, GET /openapi.json)
  Console         ${api}/console/   (sign in as a demo seller, buyer or operator)
  Mail viewer     ${stack.mailViewerUrl}   (every e-mail the system sends)
  Events          ${api}/__events   (every integration event, oldest first; ?type=order.cancelled;
                  EVENTS_FORWARD_URL=<url> POSTs each there too; docs/EVENTS.md)

  The stand-ins, for the AWS CLI and SDKs (any access key; region us-east-1):
  DynamoDB        ${stack.dynamoDbEndpoint}   (table ${stack.tableName})   DYNAMODB_PORT
  SES             ${stack.sesEndpoint}   (POST ${stack.sesEndpoint}/__faults to make sends fail)   SES_PORT
  Quotas          SES ${stack.quotas.ses.maxSendRate}/s, ${stack.quotas.ses.max24HourSend.toLocaleString('en-US')}/day   SES_MAX_SEND_RATE, SES_MAX_24_HOUR_SEND
                  Lambda ${stack.quotas.lambda.concurrentExecutions} at once   LAMBDA_CONCURRENCY   (a new production account's unless set)
  Step Functions  ${stack.stepFunctionsEndpoint}   STEPFUNCTIONS_PORT
  Payments        ${stack.paymentsEndpoint}   (POST /__faults to decline or time out; GET /__webhooks; docs/PAYMENTS.md)   PAYMENTS_PORT
  e.g. aws stepfunctions list-executions --endpoint-url ${stack.stepFunctionsEndpoint} --region us-east-1 \\
         --state-machine-arn arn:aws:states:us-east-1:000000000000:stateMachine:settle-claim
  Demo orders   ${seeded.join(', ')}
                (seller S-1; D-1005 is DELAYED: its ship date has passed; D-1006 has a coupon only the
                operator may cancel; D-1007 has shipped; D-1008 is PREPARING, for a buyer's request;
                D-2001 is S-2's)

Try it (a seller cancels D-1001 for a Japanese buyer; the notice e-mail shows in the mail viewer):

  SELLER=$(npm run --silent token -- seller S-1)
  curl -sS ${api}/orders/D-1001 -H "Authorization: Bearer $SELLER"
  CLAIM=$(curl -sS -X POST ${api}/orders/D-1001/cancellations -H "Authorization: Bearer $SELLER" \\
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s%N)" \\
    -d '{"reason":"OUT_OF_STOCK","sellerMemo":"在庫切れのためキャンセルいたします。","notice":{"title":"在庫切れのお詫び","body":"大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。"}}' \\
    | node -pe 'JSON.parse(require("fs").readFileSync(0)).claimId')
  sleep 5; curl -sS ${api}/claims/$CLAIM -H "Authorization: Bearer $SELLER"
  curl -sS '${api}/__events?partitionkey=order:D-1001'

Ctrl-C stops everything.`);
