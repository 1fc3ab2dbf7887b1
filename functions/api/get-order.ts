import { viewOrder } from '../../shared/app/orders/view-order.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.getOrder, async ({ principal, params, now }) => ({
  body: await viewOrder(store, principal, params.orderNo, now),
}));
