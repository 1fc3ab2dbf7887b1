import { answerNonReceipt } from '../../shared/app/non-receipt/answer-non-receipt.js';
import { claimStore, requestMailer, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions(['settleClaim']), mailer: requestMailer() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.answerNonReceipt,
  async ({ principal, params, body, now }) => ({
    body: await answerNonReceipt(deps, principal, params.claimId, body, now),
  }),
  idempotency,
);
