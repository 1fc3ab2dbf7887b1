import { buyerOrders } from '../../shared/app/orders/buyer-orders.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.listBuyerOrders, async ({ principal, params, query, now }) => ({
  body: await buyerOrders(store, principal, params.buyerId, query, now),
}));
