import { acceptNonReceiptAnswer } from '../../shared/app/non-receipt/answer-non-receipt.js';
import { claimStore, requestMailer, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions(), mailer: requestMailer() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.acceptNonReceipt,
  async ({ principal, params, now }) => ({
    body: await acceptNonReceiptAnswer(deps, principal, params.claimId, now),
  }),
  idempotency,
);
