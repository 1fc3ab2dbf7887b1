import { searchOrders } from '../../shared/app/orders/search-orders.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.searchOrders, async ({ principal, query, now }) => {
  const { orderNo, cartNo, ...rest } = query;
  const { items, ...page } = await searchOrders(store, principal, { ...rest, orderNos: orderNo, cartNos: cartNo }, now);
  return { body: { orders: items, ...page } };
});
