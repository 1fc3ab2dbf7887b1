import { withdrawRequest } from '../../shared/app/cancel-requests/withdraw-request.js';
import { actForInquiry } from '../../shared/app/sellers/inquiry-actions.js';
import { claimStore, sellerStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions(), inquiries: sellerStore() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.withdrawRequest,
  async ({ principal, params, body, now }) => ({
    body: await actForInquiry(
      deps,
      principal,
      {
        inquiryId: body.inquiryId,
        target: { claimId: params.claimId },
        route: `POST /claims/${params.claimId}/withdrawal`,
      },
      () => withdrawRequest(deps, principal, params.claimId, body, now),
      (result) => `claim ${result.claimId} ${result.status}`,
      now,
    ),
  }),
  idempotency,
);
