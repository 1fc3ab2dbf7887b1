import { submitBulkCancellation } from '../../shared/app/bulk/submit-bulk.js';
import { bulkSettings, bulkStore, claimStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = {
  store: claimStore(),
  bulks: bulkStore(),
  workflows: stepFunctions(['bulkCancellation']),
  ...bulkSettings(),
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.submitBulkCancellation,
  async ({ principal, body, now, correlationId }) => {
    const job = await submitBulkCancellation(deps, principal, { ...body, correlationId }, now);
    return { body: job, headers: { location: `/bulk-cancellations/${job.bulkId}` } };
  },
  idempotency,
);
