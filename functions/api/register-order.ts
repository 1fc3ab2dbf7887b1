import { registerOrder } from '../../shared/app/orders/register-order.js';
import { effectiveStatus } from '../../shared/domain/order.js';
import { claimStore, sellerStore, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), profiles: sellerStore() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.registerOrder,
  async ({ principal, body, now }) => {
    const order = await registerOrder(deps, principal, body, now);
    // As every read: an order whose ship date has passed is DELAYED, whatever is stored.
    return {
      body: { orderNo: order.orderNo, status: effectiveStatus(order, now), storedStatus: order.status },
      headers: { location: `/orders/${order.orderNo}` },
    };
  },
  idempotency,
);
