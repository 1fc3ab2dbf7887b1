import { viewBulkCancellation } from '../../shared/app/bulk/bulk-view.js';
import { bulkStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const bulks = bulkStore();

export const handler = apiHandler(routes.getBulkCancellation, async ({ principal, params, query }) => ({
  body: await viewBulkCancellation(bulks, principal, params.bulkId, query.cursor),
}));
