import { listInquiries } from '../../shared/app/sellers/inquiries.js';
import { sellerStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const inquiries = sellerStore();

export const handler = apiHandler(routes.listInquiries, async ({ principal, query }) => {
  const { limit, cursor, ...filter } = query;
  const page = await listInquiries(inquiries, principal, filter, { limit, ...(cursor ? { cursor } : {}) });
  return { body: { inquiries: page.items, nextCursor: page.nextCursor } };
});
