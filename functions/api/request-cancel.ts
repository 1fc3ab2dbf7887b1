import { requestBuyerCancel } from '../../shared/app/requests/request-cancel.js';
import { approvalTiming, claimStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), workflows: stepFunctions(['settleClaim', 'approveCancelRequest']), timing: approvalTiming() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(routes.requestCancel, async ({ principal, params, body, now, correlationId }) => {
  const { claim, outcome } = await requestBuyerCancel(deps, principal, params.orderNo, { ...body, correlationId }, now);
  return { body: { claimId: claim.claimId, outcome, status: claim.status, reason: claim.reason, fault: claim.fault }, headers: { location: `/claims/${claim.claimId}` } };
}, idempotency);
