import { deliverOrder } from '../../shared/app/orders/deliver-order.js';
import { claimStore, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.deliverOrder,
  async ({ principal, params, now }) => {
    const order = await deliverOrder(store, principal, params.orderNo, now);
    return { body: { orderNo: order.orderNo, status: order.status, deliveredAt: order.deliveredAt } };
  },
  idempotency,
);
