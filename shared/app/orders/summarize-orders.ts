// GET /orders/summary: the dashboard's order counts.

import { delayCutoff } from '../../domain/claim.js';
import { lastTwoWeeksSince, marketplaceDate, orderCounts } from '../../domain/order.js';
import type { Principal } from '../common/access.js';
import { ForbiddenError } from '../common/errors.js';
import type { ClaimStore } from '../ports/claim-store.js';

/** GET /orders/summary: the dashboard's order counts, for a seller's own orders (an operator names the seller). */
export async function summarizeOrders(store: ClaimStore, principal: Principal, sellerId: string, now: Date) {
  if (principal.role === 'seller' && principal.id !== sellerId)
    throw new ForbiddenError(`The orders of ${sellerId} are not yours.`);
  const since = lastTwoWeeksSince(now);
  const [counts, overdue, requested] = await Promise.all([
    store.statusCounts(sellerId),
    store.overdueOrders(sellerId, marketplaceDate(now)),
    // The guide's tab: the buyers' cancel requests waiting for this seller, filed in the last two weeks.
    store.countClaims({
      sellerId,
      status: 'AWAITING_APPROVAL',
      requested: { from: since },
      delayCutoff: delayCutoff(now),
    }),
  ]);
  return { sellerId, ...orderCounts(counts.orders, overdue), lastTwoWeeks: { since, cancelRequested: requested } };
}
