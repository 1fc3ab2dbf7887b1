import { shipOrder } from '../../shared/app/orders/ship-order.js';
import { claimStore, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.shipOrder,
  async ({ principal, params, body, now }) => {
    const order = await shipOrder(store, principal, params.orderNo, now, body);
    return {
      body: {
        orderNo: order.orderNo,
        status: order.status,
        shippedAt: order.shippedAt,
        shipment: order.shipment ?? null,
      },
    };
  },
  idempotency,
);
