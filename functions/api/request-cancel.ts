import { requestBuyerCancel } from '../../shared/app/cancel-requests/request-cancel.js';
import { actForInquiry } from '../../shared/app/sellers/inquiry-actions.js';
import { approvalTiming, claimStore, sellerStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = {
  store: claimStore(),
  workflows: stepFunctions(['settleClaim', 'approveCancelRequest']),
  timing: approvalTiming(),
  inquiries: sellerStore(),
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.requestCancel,
  async ({ principal, params, body, now, correlationId }) => {
    const { inquiryId, ...request } = body;
    const answer = await actForInquiry(
      deps,
      principal,
      { inquiryId, target: { orderNos: [params.orderNo] }, route: `POST /orders/${params.orderNo}/cancel-requests` },
      async () => {
        const { claim, outcome } = await requestBuyerCancel(
          deps,
          principal,
          params.orderNo,
          { ...request, correlationId },
          now,
        );
        return { claimId: claim.claimId, outcome, status: claim.status, reason: claim.reason, fault: claim.fault };
      },
      (result) => `${result.outcome}: claim ${result.claimId} ${result.status}`,
      now,
    );
    return { body: answer, headers: { location: `/claims/${answer.claimId}` } };
  },
  idempotency,
);
