import { enterReturnShipment } from '../../shared/app/returns/return-claims.js';
import { claimStore, sellerStore, sesMailer, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

// The return's workflow is woken by its task token after the step is written; the seller is e-mailed the tracking.
const deps = { store: claimStore(), workflows: stepFunctions(), mailer: sesMailer(), profiles: sellerStore() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.shipReturn,
  async ({ principal, params, body, now }) => ({
    body: await enterReturnShipment(deps, principal, params.claimId, body, now),
  }),
  idempotency,
);
