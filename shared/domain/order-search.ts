// The seller's order search (the guide's order screen): a period of one kind of date, and what the
// orders in it must match. Days are the marketplace's (Asia/Tokyo); one predicate decides for every
// store, whichever index a store reads the period from.

import { effectiveStatus, type Order, type OrderStatus } from './order.js';

/** Which date the period is of: the guide's 주문일 (ordered), 결제일 (paid), 발송일 (shipped). */
export const ORDER_DATE_TYPES = ['ORDERED', 'PAID', 'SHIPPED'] as const;
export type OrderDateType = (typeof ORDER_DATE_TYPES)[number];

export interface OrderCriteria {
  dateType: OrderDateType;
  /** The period, inclusive, as ISO instants (the first and last millisecond of its marketplace days). */
  from: string;
  to: string;
  /** The status as every rule reads it ({@link effectiveStatus}). */
  status?: OrderStatus;
  cartNos?: string[];
  itemCode?: string;
  buyerId?: string;
  trackingNumber?: string;
}

/** The order's date of that kind; none for an order not paid or not shipped yet. */
export function dateOf(
  order: Pick<Order, 'orderedAt' | 'paidAt' | 'shippedAt'>,
  dateType: OrderDateType,
): string | undefined {
  return { ORDERED: order.orderedAt, PAID: order.paidAt, SHIPPED: order.shippedAt }[dateType];
}

/** How a list by that date orders the orders: by the date, then the order number (a page's cursor). */
export const SORT_PREFIX: Record<OrderDateType, string> = { ORDERED: 'ORDER#', PAID: 'PAID#', SHIPPED: 'SHIPPED#' };

export function dateSortKey(
  order: Pick<Order, 'orderNo' | 'orderedAt' | 'paidAt' | 'shippedAt'>,
  dateType: OrderDateType,
): string | undefined {
  const date = dateOf(order, dateType);
  return date === undefined ? undefined : `${SORT_PREFIX[dateType]}${date}#${order.orderNo}`;
}

export function matchesCriteria(order: Order, criteria: OrderCriteria, now: Date): boolean {
  const date = dateOf(order, criteria.dateType);
  // Bounds as an index's sort key range takes them: `to` names the last instant, or a prefix of it.
  if (date === undefined || date < criteria.from || date > `${criteria.to}\uffff`) return false;
  if (criteria.status && effectiveStatus(order, now) !== criteria.status) return false;
  if (criteria.cartNos && !criteria.cartNos.includes(order.cartNo)) return false;
  if (criteria.itemCode && order.item.code !== criteria.itemCode) return false;
  if (criteria.buyerId && order.buyer.id !== criteria.buyerId) return false;
  if (criteria.trackingNumber && order.shipment?.trackingNumber !== criteria.trackingNumber) return false;
  return true;
}
