// GET /orders: the seller's order screen.

import { effectiveStatus, marketplaceDate, type Order } from '../../domain/order.js';
import { ownsOrder, type Principal } from '../access.js';
import type { ClaimStore, PageRequest } from '../ports.js';

export interface OrderSearch extends PageRequest {
  orderNos?: string[];
  sellerId?: string;
  status?: Order['status'];
  from?: string;
  to?: string;
}

/** Without a range, an operator's search across sellers covers this many days back. */
export const DEFAULT_SEARCH_DAYS = 365;

/** An order as a list shows it. */
export const searchRow = (order: Order, now: Date) => ({
  orderNo: order.orderNo,
  cartNo: order.cartNo,
  sellerId: order.sellerId,
  status: effectiveStatus(order, now),
  item: order.item,
  total: order.total,
  payment: order.payment,
  expectedShipDate: order.expectedShipDate,
  orderedAt: order.orderedAt,
  claimInProgress: order.openClaimId ?? null,
});

/**
 * The seller's order screen: by order numbers, or by order date range and (effective) status, one
 * page at a time, newest first. An operator searches one seller's orders, or every seller's.
 */
export async function searchOrders(store: ClaimStore, principal: Principal, search: OrderSearch, now: Date) {
  const sellerId = principal.role === 'seller' ? principal.id : search.sellerId;
  if (search.orderNos?.length) {
    const orders = (await store.getOrders(search.orderNos))
      .filter((order) => ownsOrder(principal, order) && (!sellerId || order.sellerId === sellerId))
      .filter((order) => !search.status || effectiveStatus(order, now) === search.status)
      .sort((a, b) => b.orderedAt.localeCompare(a.orderedAt));
    return { items: orders.map((order) => searchRow(order, now)), nextCursor: null };
  }
  // The range is of order dates; `to` is a whole day, so it runs to that day's end.
  const to = search.to ? `${search.to}T23:59:59.999Z` : now.toISOString();
  const from = search.from ?? (sellerId ? '' : new Date(Date.parse(to) - DEFAULT_SEARCH_DAYS * 24 * 3600_000).toISOString());
  const page = await store.searchOrders(
    { ...(sellerId ? { sellerId } : {}), from, to, ...(search.status ? { status: search.status } : {}), today: marketplaceDate(now) },
    { limit: search.limit, ...(search.cursor ? { cursor: search.cursor } : {}) },
  );
  return { items: page.items.map((order) => searchRow(order, now)), nextCursor: page.nextCursor, range: { from: from || null, to } };
}
