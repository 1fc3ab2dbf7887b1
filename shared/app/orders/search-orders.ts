// GET /orders: the seller's order screen (the guide's order search): a period of one kind of date
// (ordered, paid, shipped) in the marketplace's days, a status, and what to look for in it (a
// cart, a product code, a buyer, a tracking number); or several order or cart numbers at once.

import {
  marketplaceDate,
  marketplaceDayEnd,
  marketplaceDayStart,
  marketplaceDaysBefore,
  type Order,
} from '../../domain/order.js';
import { dateSortKey, matchesCriteria, type OrderCriteria, type OrderDateType } from '../../domain/order-search.js';
import { effectiveStatus } from '../../domain/order.js';
import { ownsOrder, type Principal } from '../common/access.js';
import { InvalidInputError } from '../common/errors.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { PageRequest } from '../ports/pages.js';

export interface OrderSearch extends PageRequest {
  orderNos?: string[];
  cartNos?: string[];
  sellerId?: string;
  status?: Order['status'];
  dateType?: OrderDateType;
  /** Marketplace days (YYYY-MM-DD, Japan), inclusive. */
  from?: string;
  to?: string;
  itemCode?: string;
  buyerId?: string;
  trackingNumber?: string;
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
  buyer: { id: order.buyer.id, country: order.buyer.country },
  total: order.total,
  payment: order.payment,
  expectedShipDate: order.expectedShipDate,
  orderedAt: order.orderedAt,
  ...(order.paidAt ? { paidAt: order.paidAt } : {}),
  ...(order.shippedAt ? { shippedAt: order.shippedAt, shipment: order.shipment ?? {} } : {}),
  claimInProgress: order.openClaimId ?? null,
});

/** The period as instants: the first millisecond of `from`'s day to the last of `to`'s, in Japan. */
function period(search: OrderSearch, sellerId: string | undefined, now: Date): { from: string; to: string } {
  const to = search.to ? marketplaceDayEnd(search.to) : now.toISOString();
  if (search.from) return { from: marketplaceDayStart(search.from), to };
  // A seller's whole history; every seller's last year (one partition a month to read).
  return {
    from: sellerId ? '' : marketplaceDayStart(marketplaceDaysBefore(marketplaceDate(now), DEFAULT_SEARCH_DAYS)),
    to,
  };
}

/**
 * One page, newest first by the chosen date. Order and cart numbers are looked up directly (few,
 * one page); anything else is a period read from the index of that date. An operator searches one
 * seller's orders, or every seller's by order date.
 */
export async function searchOrders(store: ClaimStore, principal: Principal, search: OrderSearch, now: Date) {
  const sellerId = principal.role === 'seller' ? principal.id : search.sellerId;
  const dateType = search.dateType ?? 'ORDERED';
  if (!sellerId && dateType !== 'ORDERED') {
    throw new InvalidInputError(
      'Every seller’s orders are searched by order date; name a seller to search by payment or shipping date.',
      [{ path: 'query.sellerId', message: `required with dateType ${dateType}` }],
    );
  }
  const range = period(search, sellerId, now);
  const criteria: OrderCriteria = {
    dateType,
    ...range,
    ...(search.status ? { status: search.status } : {}),
    ...(search.cartNos?.length ? { cartNos: search.cartNos } : {}),
    ...(search.itemCode ? { itemCode: search.itemCode } : {}),
    ...(search.buyerId ? { buyerId: search.buyerId } : {}),
    ...(search.trackingNumber ? { trackingNumber: search.trackingNumber } : {}),
  };
  const mine = (order: Order) => ownsOrder(principal, order) && (!sellerId || order.sellerId === sellerId);
  if (search.orderNos?.length || search.cartNos?.length) {
    const found = search.orderNos?.length
      ? await store.getOrders(search.orderNos)
      : (await Promise.all(search.cartNos!.map((cartNo) => store.ordersOfCart(cartNo)))).flat();
    // Numbers are searched whatever their dates, unless a period was given.
    const matching = found.filter(
      (order) =>
        mine(order) &&
        matchesCriteria(order, { ...criteria, ...(search.from || search.to ? {} : { from: '', to: '\uffff' }) }, now),
    );
    const newest = matching.sort((a, b) =>
      (dateSortKey(b, dateType) ?? '').localeCompare(dateSortKey(a, dateType) ?? ''),
    );
    return { items: newest.map((order) => searchRow(order, now)), nextCursor: null };
  }
  const page = await store.searchOrders(
    { ...(sellerId ? { sellerId } : {}), criteria, asOf: now.toISOString() },
    { limit: search.limit, ...(search.cursor ? { cursor: search.cursor } : {}) },
  );
  return {
    items: page.items.map((order) => searchRow(order, now)),
    nextCursor: page.nextCursor,
    range: { from: range.from || null, to: range.to },
  };
}
