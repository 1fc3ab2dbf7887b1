import { InvalidInputError } from '../../shared/app/common/errors.js';
import { summarizeOrders } from '../../shared/app/orders/summarize-orders.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { routes } from '../../shared/schemas/routes.js';

const store = claimStore();

export const handler = apiHandler(routes.summarizeOrders, async ({ principal, query, now }) => {
  const sellerId = principal.role === 'seller' ? principal.id : query.sellerId;
  if (!sellerId)
    throw new InvalidInputError('An operator names the seller.', [
      { path: 'query.sellerId', message: 'required for an operator' },
    ]);
  return { body: await summarizeOrders(store, principal, sellerId, now) };
});
