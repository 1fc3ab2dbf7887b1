import { reportNonReceipt } from '../../shared/app/non-receipt/report-non-receipt.js';
import {
  claimStore,
  nonReceiptTiming,
  requestMailer,
  stepFunctions,
  tableName,
} from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = {
  store: claimStore(),
  workflows: stepFunctions(['nonReceiptClaim']),
  mailer: requestMailer(),
  nonReceiptTiming: nonReceiptTiming(),
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.reportNonReceipt,
  async ({ principal, params, body, now, correlationId }) => {
    const claim = await reportNonReceipt(deps, principal, params.orderNo, { ...body, correlationId }, now);
    const answer = { claimId: claim.claimId, status: claim.status, reason: claim.reason, fault: claim.fault };
    return { body: answer, headers: { location: `/claims/${claim.claimId}` } };
  },
  idempotency,
);
