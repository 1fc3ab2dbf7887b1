// GET /orders/summary: the dashboard's order counts.

import { marketplaceDate, orderCounts } from '../../domain/order.js';
import type { Principal } from '../access.js';
import { ForbiddenError } from '../errors.js';
import type { ClaimStore } from '../ports.js';

/** GET /orders/summary: the dashboard's order counts, for a seller's own orders (an operator names the seller). */
export async function summarizeOrders(store: ClaimStore, principal: Principal, sellerId: string, now: Date) {
  if (principal.role === 'seller' && principal.id !== sellerId) throw new ForbiddenError(`The orders of ${sellerId} are not yours.`);
  const [counts, overdue] = await Promise.all([store.statusCounts(sellerId), store.overdueOrders(sellerId, marketplaceDate(now))]);
  return { sellerId, ...orderCounts(counts.orders, overdue) };
}
