import { cancelBulkCancellation } from '../../shared/app/bulk/decide-bulk.js';
import { bulkStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { bulks: bulkStore(), workflows: stepFunctions() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.cancelBulkCancellation,
  async ({ principal, params, now }) => ({
    body: await cancelBulkCancellation(deps, principal, params.bulkId, now),
  }),
  idempotency,
);
