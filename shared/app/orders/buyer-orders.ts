// GET /buyers/{buyerId}/orders: "my orders", the buyer's way into each order.

import { actsForBuyer, type Principal } from '../common/access.js';
import { ForbiddenError } from '../common/errors.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { PageRequest } from '../ports/pages.js';
import { searchRow } from './search-orders.js';

/** A buyer's orders, newest first: the buyer its own, the operator any buyer's. */
export async function buyerOrders(
  store: ClaimStore,
  principal: Principal,
  buyerId: string,
  page: PageRequest,
  now: Date,
) {
  if (!actsForBuyer(principal, buyerId)) throw new ForbiddenError(`The orders of ${buyerId} are not yours.`);
  const found = await store.buyerOrders(buyerId, page);
  return { orders: found.items.map((order) => searchRow(order, now)), nextCursor: found.nextCursor };
}
