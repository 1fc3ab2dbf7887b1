import { approveRequest } from '../../shared/app/cancel-requests/approve-request.js';
import {
  claimStore,
  operatorEmail,
  sellerCancelPolicy,
  requestMailer,
  stepFunctions,
  tableName,
} from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = {
  store: claimStore(),
  workflows: stepFunctions(),
  policy: sellerCancelPolicy(),
  mailer: requestMailer(),
  operatorEmail: operatorEmail(),
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.approveRequest,
  async ({ principal, params, body, now }) => ({
    body: await approveRequest(deps, principal, params.claimId, now, body),
  }),
  idempotency,
);
