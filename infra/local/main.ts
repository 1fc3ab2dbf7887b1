// npm start: the whole system on loopback, seeded with demo orders. Ctrl-C stops everything.

import { JAVA_MISSING, javaAvailable } from './dynamodb-local.js';
import { seedDemoOrders } from './seed.js';
import { startLocalStack } from './stack.js';

if (!javaAvailable()) {
  console.error(JAVA_MISSING);
  process.exit(1);
}

const apiPort = Number(process.env.PORT ?? 3000);
const mailViewerPort = Number(process.env.MAIL_PORT ?? 8005);
console.log('Starting DynamoDB Local, the SES emulator, the Step Functions runner and the API…');
// Wait states (the card side's confirmation) last 2 s here, so a demo refund completes while you watch.
const stack = await startLocalStack({ apiPort, mailViewerPort, waitMs: 2000 });

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

  API           ${api}          (GET /health, GET /openapi.json)
  Mail viewer   ${stack.mailViewerUrl}   (every e-mail the system sends)
  Payments      ${stack.paymentsEndpoint}  (the local payment gateway: POST /__faults to decline or time out, docs/PAYMENTS.md)
  Demo orders   ${seeded.join(', ')}
                (seller S-1; D-1006 has a coupon only the operator may cancel; D-1007 has shipped;
                D-1008 is PREPARING, for a buyer's request; D-2001 is S-2's)

Try it (a seller cancels D-1001 for a Japanese buyer; the notice e-mail shows in the mail viewer):

  SELLER=$(npm run --silent token -- seller S-1)
  curl -s ${api}/orders/D-1001 -H "Authorization: Bearer $SELLER"
  curl -s -X POST ${api}/orders/D-1001/cancellations -H "Authorization: Bearer $SELLER" \\
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuidgen 2>/dev/null || date +%s%N)" \\
    -d '{"reason":"OUT_OF_STOCK","sellerMemo":"在庫切れのためキャンセルいたします。","notice":{"title":"在庫切れのお詫び","body":"大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。"}}'
  curl -s ${api}/claims/<claimId from the answer> -H "Authorization: Bearer $SELLER"

Ctrl-C stops everything.`);
