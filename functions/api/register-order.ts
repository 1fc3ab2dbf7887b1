import { registerOrder } from '../../shared/app/orders.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.registerOrder, async ({ principal, body, now }) => {
  const order = await registerOrder(store, principal, body, now);
  return { body: { orderNo: order.orderNo, status: order.status }, headers: { location: `/orders/${order.orderNo}` } };
});
