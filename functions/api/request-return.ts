import { requestReturn } from '../../shared/app/returns/return-claims.js';
import { claimStore, returnTiming, sellerStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

// The seller's return window is in its profile; the return's workflow waits for each step.
const deps = {
  store: claimStore(),
  profiles: sellerStore(),
  workflows: stepFunctions(['returnClaim']),
  timing: returnTiming(),
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.requestReturn,
  async ({ principal, params, body, now, correlationId }) => {
    const claim = await requestReturn(deps, principal, params.orderNo, { ...body, correlationId }, now);
    const answer = {
      claimId: claim.claimId,
      status: claim.status,
      reason: claim.reason,
      fault: claim.fault,
      windowEndsAt: claim.return!.windowEndsAt,
    };
    return { body: answer, headers: { location: `/claims/${claim.claimId}` } };
  },
  idempotency,
);
