import { confirmReturnReceipt } from '../../shared/app/returns/return-claims.js';
import { claimStore, operatorEmail, requestMailer, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = {
  store: claimStore(),
  workflows: stepFunctions(['settleClaim']),
  mailer: requestMailer(),
  operatorEmail: operatorEmail(),
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.receiveReturn,
  async ({ principal, params, body, now }) => ({
    body: await confirmReturnReceipt(deps, principal, params.claimId, body, now),
  }),
  idempotency,
);
