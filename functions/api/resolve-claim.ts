import { resolveClaim } from '../../shared/app/claims/resolve-claim.js';
import { claimStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions(['settleClaim']) };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(routes.resolveClaim, async ({ principal, params, body, now }) => ({
  status: 202,
  body: await resolveClaim(deps, principal, params.claimId, body, now),
}), idempotency);
