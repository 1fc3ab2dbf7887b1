import { listBulkCancellations } from '../../shared/app/bulk/bulk-view.js';
import { bulkStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const bulks = bulkStore();

export const handler = apiHandler(routes.listBulkCancellations, async ({ principal, query }) => {
  const { limit, cursor, ...filter } = query;
  const page = await listBulkCancellations(bulks, principal, filter, { limit, ...(cursor ? { cursor } : {}) });
  return { body: { bulkCancellations: page.items, nextCursor: page.nextCursor } };
});
