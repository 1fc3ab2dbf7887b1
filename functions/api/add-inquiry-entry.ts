import { addInquiryEntry, inquirySummary } from '../../shared/app/sellers/inquiries.js';
import { operatorEmail, sellerStore, requestMailer, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const sellers = sellerStore();

const deps = {
  inquiries: sellers,
  mail: { mailer: requestMailer(), operatorEmail: operatorEmail(), profiles: sellers },
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.addInquiryEntry,
  async ({ principal, params, body, now }) => {
    const inquiry = await addInquiryEntry(deps, principal, params.inquiryId, body, now);
    return { body: { ...inquirySummary(inquiry, principal.role), entry: inquiry.history.at(-1)! } };
  },
  idempotency,
);
