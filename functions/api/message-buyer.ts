import { sendSellerMessage } from '../../shared/app/messages/send-seller-message.js';
import { claimStore, requestMailer, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();
const mailer = requestMailer();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.messageBuyer,
  async ({ principal, params, body, now }) => ({
    body: await sendSellerMessage(store, mailer, principal, params.orderNo, body, now),
  }),
  idempotency,
);
