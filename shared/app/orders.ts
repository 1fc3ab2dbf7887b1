// Order intake, shipping, and what anyone allowed may read of an order.

import { isClaimDelayed, type Claim } from '../domain/claim.js';
import { effectiveStatus, marketplaceDate, orderCounts, type Order } from '../domain/order.js';
import { actionsOf, allowedActions, decideDelivery, decideShipDate, decideShipment, type Decision } from '../domain/transitions.js';
import { actor, ownsOrder, requireOwnOrder, type Principal } from './access.js';
import { ForbiddenError, NotFoundError, RefusedError } from './errors.js';
import { retryOnConflict, unwrap } from './conflicts.js';
import { ConcurrentChangeError, type ClaimStore, type PageRequest } from './ports.js';
import { timelineEvent, timelineFor } from './timeline.js';
import { messageFor, refundFor } from './claim-views.js';

export async function loadOwnOrder(store: ClaimStore, principal: Principal, orderNo: string): Promise<Order> {
  const order = await store.getOrder(orderNo);
  if (!order) throw new NotFoundError(`No order ${orderNo}.`);
  requireOwnOrder(principal, order);
  return order;
}

export type NewOrder = Omit<Order, 'status' | 'claimIds' | 'orderedAt' | 'updatedAt' | 'version' | 'openClaimId'> & {
  status?: Order['status'];
  orderedAt?: string;
};

export async function registerOrder(store: ClaimStore, principal: Principal, input: NewOrder, now: Date): Promise<Order> {
  const at = now.toISOString();
  const order: Order = {
    ...input,
    status: input.status ?? (input.expectedShipDate ? 'PREPARING' : 'NEW'),
    claimIds: [],
    orderedAt: input.orderedAt ?? at,
    updatedAt: at,
    version: 0,
  };
  try {
    await store.commit([
      { entity: 'order', value: order, from: null },
      { entity: 'cart', value: { cartNo: order.cartNo, buyerId: order.buyer.id } },
      { entity: 'event', value: timelineEvent(order.orderNo, 'ORDER_REGISTERED', actor(principal), now, { detail: order.status }) },
    ]);
  } catch (error) {
    if (error instanceof ConcurrentChangeError) {
      const cart = await store.getCart(order.cartNo);
      if (cart && cart.buyerId !== order.buyer.id) {
        throw new RefusedError({ kind: 'RULE', rule: 'CART_OF_ANOTHER_BUYER', detail: `Cart ${order.cartNo} belongs to another buyer: one checkout, one buyer.` });
      }
      const existing = await store.getOrder(order.orderNo);
      throw new RefusedError({
        kind: 'CONFLICT',
        detail: `Order ${order.orderNo} is already registered.`,
        currentStatus: existing ? effectiveStatus(existing, now) : order.status,
        allowedActions: existing ? allowedActions(existing, now) : [],
      });
    }
    throw error;
  }
  return { ...order, version: 1 };
}

/** Reads the order, lets the domain decide, and writes the result only if nobody changed it meanwhile. */
async function changeOrder(
  store: ClaimStore,
  principal: Principal,
  orderNo: string,
  now: Date,
  eventType: string,
  decide: (order: Order) => Decision<Order>,
): Promise<Order> {
  return retryOnConflict(async () => {
    const order = await loadOwnOrder(store, principal, orderNo);
    const next: Order = { ...unwrap(decide(order)), updatedAt: now.toISOString() };
    await store.commit([
      { entity: 'order', value: next, from: order.status },
      { entity: 'event', value: timelineEvent(orderNo, eventType, actor(principal), now, { detail: next.status }) },
    ]);
    return { ...next, version: next.version + 1 };
  });
}

export const setShipDate = (store: ClaimStore, principal: Principal, orderNo: string, shipDate: string, now: Date) =>
  changeOrder(store, principal, orderNo, now, 'SHIP_DATE_SET', (order) => decideShipDate(order, shipDate, now));

export const shipOrder = (store: ClaimStore, principal: Principal, orderNo: string, now: Date, shipment: Order['shipment'] = {}) =>
  changeOrder(store, principal, orderNo, now, 'SHIPPED', (order) => decideShipment(order, now, shipment));

export const deliverOrder = (store: ClaimStore, principal: Principal, orderNo: string, now: Date) =>
  changeOrder(store, principal, orderNo, now, 'DELIVERED', (order) => decideDelivery(order, now));

export function claimSummary(claim: Claim, now: Date) {
  return {
    claimId: claim.claimId,
    type: claim.type,
    status: claim.status,
    reason: claim.reason,
    fault: claim.fault,
    delayed: isClaimDelayed(claim, now),
    requestedAt: claim.requestedAt,
    completedAt: claim.completedAt,
  };
}

/** The order as its owner sees it: effective status, claims, refunds, messages and timeline. */
export async function orderView(store: ClaimStore, principal: Principal, orderNo: string, now: Date) {
  const records = await store.orderRecords(orderNo);
  if (!records) throw new NotFoundError(`No order ${orderNo}.`);
  const { order, refunds, messages, timeline } = records;
  requireOwnOrder(principal, order);
  const claims = await store.getClaims(order.claimIds);
  const openClaim = claims.find((claim) => claim.claimId === order.openClaimId);
  // The seller's contact address is the marketplace's business, not the buyer's.
  const { version: _version, openClaimId, sellerEmail, ...visible } = order;
  return {
    ...visible,
    ...(principal.role !== 'buyer' && sellerEmail ? { sellerEmail } : {}),
    status: effectiveStatus(order, now),
    storedStatus: order.status,
    claimInProgress: openClaimId ?? null,
    // What this caller may do now.
    allowedActions: actionsOf(principal.role, allowedActions(order, now, openClaim)),
    claims: claims.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)).map((claim) => claimSummary(claim, now)),
    refunds: refunds.map((refund) => refundFor(principal.role, refund)),
    messages: messages.map((message) => messageFor(principal.role, message)),
    timeline: timelineFor(principal.role, timeline.sort((a, b) => a.at.localeCompare(b.at))),
  };
}

/** What the seller's claim view shows of each order (DOMAIN.md, flow 3). */
export function orderDetails(order: Order, now: Date) {
  return {
    orderNo: order.orderNo,
    cartNo: order.cartNo,
    orderedAt: order.orderedAt,
    status: effectiveStatus(order, now),
    item: order.item,
    country: order.buyer.country,
    total: order.total,
    payment: order.payment,
    buyer: { id: order.buyer.id, email: order.buyer.email },
    recipient: order.recipient ?? null,
    expectedShipDate: order.expectedShipDate ?? null,
    shippedAt: order.shippedAt ?? null,
    shipment: order.shipment ?? null,
    deliveredAt: order.deliveredAt ?? null,
  };
}

export interface OrderSearch extends PageRequest {
  orderNos?: string[];
  sellerId?: string;
  status?: Order['status'];
  from?: string;
  to?: string;
}

/** Without a range, an operator's search across sellers covers this many days back. */
export const DEFAULT_SEARCH_DAYS = 365;

const searchRow = (order: Order, now: Date) => ({
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

/** GET /orders/summary: the dashboard's order counts, for a seller's own orders (an operator names the seller). */
export async function summarizeOrders(store: ClaimStore, principal: Principal, sellerId: string, now: Date) {
  if (principal.role === 'seller' && principal.id !== sellerId) throw new ForbiddenError(`The orders of ${sellerId} are not yours.`);
  const [counts, overdue] = await Promise.all([store.statusCounts(sellerId), store.overdueOrders(sellerId, marketplaceDate(now))]);
  return { sellerId, ...orderCounts(counts.orders, overdue) };
}
