import { viewInquiry } from '../../shared/app/sellers/inquiries.js';
import { claimStore, sellerStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { inquiries: sellerStore(), store: claimStore() };

export const handler = apiHandler(routes.getInquiry, async ({ principal, params, now }) => ({
  body: await viewInquiry(deps, principal, params.inquiryId, now),
}));
