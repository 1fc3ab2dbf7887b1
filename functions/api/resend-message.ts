import { resendMessage } from '../../shared/app/messages/resend-message.js';
import { claimStore, requestMailer, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();
const mailer = requestMailer();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.resendMessage,
  async ({ principal, params, now }) => ({
    body: await resendMessage(store, mailer, principal, params.orderNo, params.messageId, now),
  }),
  idempotency,
);
