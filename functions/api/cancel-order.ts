import { requestSellerCancellation } from '../../shared/app/cancellations.js';
import { claimStore, stepFunctions } from '../../shared/aws/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions() };

export const handler = apiHandler(routes.cancelOrder, async ({ principal, params, body, now }) => {
  const claim = await requestSellerCancellation(deps, principal, params.orderNo, body, now);
  return {
    body: { claimId: claim.claimId, status: claim.status, orderNos: claim.orderNos, excluded: claim.excluded, noticeMessageId: claim.noticeMessageId },
    headers: { location: `/claims/${claim.claimId}` },
  };
});
