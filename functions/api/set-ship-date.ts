import { setShipDate } from '../../shared/app/orders/set-ship-date.js';
import { claimStore, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.setShipDate,
  async ({ principal, params, body, now }) => {
    const order = await setShipDate(store, principal, params.orderNo, body.expectedShipDate, now);
    return { body: { orderNo: order.orderNo, status: order.status, expectedShipDate: order.expectedShipDate } };
  },
  idempotency,
);
