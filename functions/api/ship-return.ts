import { enterReturnShipment } from '../../shared/app/returns/return-claims.js';
import { claimStore, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.shipReturn,
  async ({ principal, params, body, now }) => ({
    body: await enterReturnShipment(deps, principal, params.claimId, body, now),
  }),
  idempotency,
);
