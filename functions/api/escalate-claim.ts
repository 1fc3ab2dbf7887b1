import { escalateClaim } from '../../shared/app/claims/escalate-claim.js';
import { claimStore, operatorEmail, requestMailer, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = {
  store: claimStore(),
  workflows: stepFunctions(),
  mailer: requestMailer(),
  operatorEmail: operatorEmail(),
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.escalateClaim,
  async ({ principal, params, now }) => ({
    body: await escalateClaim(deps, principal, params.claimId, now),
  }),
  idempotency,
);
