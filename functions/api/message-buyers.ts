import { sendSellerMessages } from '../../shared/app/messages/send-seller-messages.js';
import { claimStore, requestMailer, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();
const mailer = requestMailer();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.messageBuyers,
  async ({ principal, body, now, idempotencyKey }) => {
    const { orderNos, ...message } = body;
    const options = idempotencyKey ? { requestKey: idempotencyKey } : {};
    return { body: await sendSellerMessages(store, mailer, principal, orderNos, message, now, options) };
  },
  idempotency,
);
