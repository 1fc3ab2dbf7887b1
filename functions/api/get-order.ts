import { orderView } from '../../shared/app/orders/order-view.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.getOrder, async ({ principal, params, now }) => ({
  body: await orderView(store, principal, params.orderNo, now),
}));
