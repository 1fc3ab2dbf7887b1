import { claimStore, paymentsWebhookSecret, stepFunctions } from '../../shared/adapters/adapters.js';
import { receivePaymentEvent, verifyPaymentSignature } from '../../shared/app/settle/payment-events.js';
import { publicApiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions() };
const secret = paymentsWebhookSecret();

// No token: the signature over the raw body is the credential, checked before the body is read.
export const handler = publicApiHandler(
  routes.receivePaymentEvent,
  async ({ body, now }) => ({ body: await receivePaymentEvent(deps, body, now) }),
  async ({ rawBody, headers, now }) =>
    verifyPaymentSignature(await secret(), headers['payments-signature'], rawBody, now),
);
