import { decideBulkCancellation } from '../../shared/app/bulk/decide-bulk.js';
import { actForInquiry } from '../../shared/app/sellers/inquiry-actions.js';
import { bulkStore, claimStore, sellerStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { bulks: bulkStore(), workflows: stepFunctions(), inquiries: sellerStore(), store: claimStore() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.decideBulkCancellation,
  async ({ principal, params, body, now }) => ({
    body: await actForInquiry(
      deps,
      principal,
      {
        inquiryId: body.inquiryId,
        target: { bulkId: params.bulkId },
        route: `POST /bulk-cancellations/${params.bulkId}/approval`,
      },
      () => decideBulkCancellation(deps, principal, params.bulkId, body, now),
      (result) => `${body.decision}: bulk cancellation ${result.bulkId} ${result.status}`,
      now,
    ),
  }),
  idempotency,
);
