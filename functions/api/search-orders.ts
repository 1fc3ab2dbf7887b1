import { InvalidInputError } from '../../shared/app/errors.js';
import { searchOrders } from '../../shared/app/orders.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.searchOrders, async ({ principal, query, now }) => {
  if (principal.role === 'operator' && !query.sellerId && !query.orderNo) {
    throw new InvalidInputError('An operator searches by sellerId or orderNo.', [{ path: 'query.sellerId', message: 'give sellerId or orderNo' }]);
  }
  const orders = await searchOrders(store, principal, { ...query, orderNos: query.orderNo }, now);
  return { body: { orders, count: orders.length } };
});
