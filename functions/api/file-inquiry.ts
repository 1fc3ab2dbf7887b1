import { fileInquiry, inquiryView } from '../../shared/app/sellers/inquiries.js';
import {
  bulkStore,
  claimStore,
  operatorEmail,
  sellerStore,
  requestMailer,
  tableName,
} from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const sellers = sellerStore();

const deps = {
  inquiries: sellers,
  store: claimStore(),
  bulks: bulkStore(),
  mail: { mailer: requestMailer(), operatorEmail: operatorEmail(), profiles: sellers },
};

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.fileInquiry,
  async ({ principal, body, now }) => {
    const inquiry = await fileInquiry(deps, principal, body, now);
    return { body: inquiryView(inquiry, principal.role), headers: { location: `/inquiries/${inquiry.inquiryId}` } };
  },
  idempotency,
);
