import { requestSellerCancellation } from '../../shared/app/claims/request-seller-claim.js';
import { sellerClaimDeps, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = sellerClaimDeps();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.cancelOrder,
  async ({ principal, params, body, now, correlationId }) => {
    const claim = await requestSellerCancellation(deps, principal, params.orderNo, { ...body, correlationId }, now);
    return {
      body: {
        claimId: claim.claimId,
        status: claim.status,
        orderNos: claim.orderNos,
        excluded: claim.excluded,
        noticeMessageId: claim.noticeMessageId,
        ...(claim.warnings.length > 0 ? { warnings: claim.warnings } : {}),
      },
      headers: { location: `/claims/${claim.claimId}` },
    };
  },
  idempotency,
);
