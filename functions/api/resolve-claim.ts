import { resolveClaim } from '../../shared/app/claims/resolve-claim.js';
import { actForInquiry } from '../../shared/app/sellers/inquiry-actions.js';
import { claimStore, sellerStore, sesMailer, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const sellers = sellerStore();
const deps = {
  store: claimStore(),
  workflows: stepFunctions(['settleClaim']),
  inquiries: sellers,
  sellerMail: { mailer: sesMailer(), profiles: sellers },
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.resolveClaim,
  async ({ principal, params, body, now }) => ({
    status: 202,
    body: await actForInquiry(
      deps,
      principal,
      {
        inquiryId: body.inquiryId,
        target: { claimId: params.claimId },
        route: `POST /claims/${params.claimId}/resolution`,
      },
      () => resolveClaim(deps, principal, params.claimId, body, now),
      (result) => `${body.action}: claim ${result.claimId} ${result.status}`,
      now,
    ),
  }),
  idempotency,
);
