// GET /claims: the claim grid. A seller's own claims, or every claim for an operator, by status,
// the delayed flag, an order, or a period of request days (Japan's); each row with what the
// guide's grid shows of its order (the order's date, ship date, cart and product).

import { delayCutoff, delayedOrdersOf, type Claim, type ClaimStatus, type ClaimType } from '../../domain/claim.js';
import { marketplaceDayEnd, marketplaceDayStart, type Order } from '../../domain/order.js';
import { ownsOrder, type Principal } from '../common/access.js';
import { ForbiddenError } from '../common/errors.js';
import type { ClaimQuery, ClaimStore } from '../ports/claim-store.js';
import type { Page, PageRequest } from '../ports/pages.js';
import { claimSummary } from './views.js';

export interface ClaimFilter {
  status?: ClaimStatus;
  type?: ClaimType;
  delayed?: boolean;
  sellerId?: string;
  /** The claims of this order only. */
  orderNo?: string;
  /** Marketplace days (YYYY-MM-DD, Japan), inclusive, of the request. */
  from?: string;
  to?: string;
}

/** A row of the grid. */
export function claimRow(claim: Claim, order: Order | undefined, now: Date) {
  return {
    ...claimSummary(claim, now),
    orderNo: claim.orderNo,
    orderNos: claim.orderNos,
    cartNo: claim.cartNo,
    sellerId: claim.sellerId,
    buyerId: claim.buyerId,
    delayedOrders: delayedOrdersOf(claim),
    ...(order
      ? {
          orderedAt: order.orderedAt,
          expectedShipDate: order.expectedShipDate,
          shippedAt: order.shippedAt,
          item: order.item,
        }
      : {}),
  };
}

export type ClaimRow = ReturnType<typeof claimRow>;

function queryOf(principal: Principal, filter: ClaimFilter, now: Date): ClaimQuery {
  if (principal.role === 'buyer') throw new ForbiddenError('Buyers see their claims on their orders.');
  const sellerId = principal.role === 'seller' ? principal.id : filter.sellerId;
  const requested = {
    ...(filter.from ? { from: marketplaceDayStart(filter.from) } : {}),
    ...(filter.to ? { to: marketplaceDayEnd(filter.to) } : {}),
  };
  return {
    ...(sellerId ? { sellerId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.delayed === undefined ? {} : { delayed: filter.delayed }),
    ...(filter.from || filter.to ? { requested } : {}),
    delayCutoff: delayCutoff(now),
    asOf: now.toISOString(),
  };
}

/** An order's claims that pass the rest of the filter: few, one page. Another's order has none (no oracle). */
async function claimsOfOrder(
  store: ClaimStore,
  principal: Principal,
  orderNo: string,
  query: ClaimQuery,
  now: Date,
): Promise<Claim[]> {
  const order = await store.getOrder(orderNo);
  if (!order || !ownsOrder(principal, order) || (query.sellerId && order.sellerId !== query.sellerId)) return [];
  const late = (claim: Claim) => claimSummary(claim, now).delayed;
  const { from = '', to } = query.requested ?? {};
  return (await store.getClaims(order.claimIds))
    .filter((claim) => !query.status || claim.status === query.status)
    .filter((claim) => !query.type || claim.type === query.type)
    .filter((claim) => query.delayed === undefined || late(claim) === query.delayed)
    .filter((claim) => claim.requestedAt >= from && (to === undefined || claim.requestedAt <= to))
    .sort((a, b) => (`${b.requestedAt}#${b.claimId}` < `${a.requestedAt}#${a.claimId}` ? -1 : 1));
}

/** Each claim with its own order (the one it was filed on), read in one batch. */
async function rowsOf(store: ClaimStore, claims: Claim[], now: Date): Promise<ClaimRow[]> {
  const orders = new Map(
    (await store.getOrders([...new Set(claims.map((claim) => claim.orderNo))])).map((order) => [order.orderNo, order]),
  );
  return claims.map((claim) => claimRow(claim, orders.get(claim.orderNo), now));
}

/** GET /claims: one page of the grid, newest first. */
export async function listClaims(
  store: ClaimStore,
  principal: Principal,
  filter: ClaimFilter & PageRequest,
  now: Date,
): Promise<Page<ClaimRow>> {
  const query = queryOf(principal, filter, now);
  if (filter.orderNo)
    return {
      items: await rowsOf(store, await claimsOfOrder(store, principal, filter.orderNo, query, now), now),
      nextCursor: null,
    };
  const page = await store.listClaims(query, {
    limit: filter.limit,
    ...(filter.cursor ? { cursor: filter.cursor } : {}),
  });
  return { items: await rowsOf(store, page.items, now), nextCursor: page.nextCursor };
}

/** How many rows one part of an export carries: ten pages of the list, well under Lambda's 6 MB answer. */
export const EXPORT_ROWS = 1000;

/** GET /claims/export: up to {@link EXPORT_ROWS} rows of the grid, and where the next part starts. */
export async function exportClaims(
  store: ClaimStore,
  principal: Principal,
  filter: ClaimFilter & { cursor?: string },
  now: Date,
): Promise<Page<ClaimRow>> {
  const rows: ClaimRow[] = [];
  let cursor = filter.cursor;
  do {
    const page = await listClaims(store, principal, { ...filter, limit: 100, ...(cursor ? { cursor } : {}) }, now);
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < EXPORT_ROWS);
  return { items: rows, nextCursor: cursor ?? null };
}
