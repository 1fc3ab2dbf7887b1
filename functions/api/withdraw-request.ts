import { withdrawRequest } from '../../shared/app/requests/withdraw-request.js';
import { claimStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(routes.withdrawRequest, async ({ principal, params, body, now }) => ({
  body: await withdrawRequest(deps, principal, params.claimId, body, now),
}), idempotency);
