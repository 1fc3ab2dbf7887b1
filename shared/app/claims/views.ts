// What a reader may see of an order's parts: a claim in a list, an order in a claim, a refund, a
// message. One place decides what each role sees, for the order and the claim views alike.

import { isClaimDelayed, type Claim } from '../../domain/claim.js';
import type { BuyerMessage } from '../../domain/message.js';
import { effectiveStatus, type Order } from '../../domain/order.js';
import type { Refund } from '../../domain/refund.js';

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
    // The buyer reads the seller's memo in My Qoo10, beside the claim.
    ...(claim.sellerMemo ? { sellerMemo: claim.sellerMemo } : {}),
  };
}

/** What the seller's claim view shows of each order (docs/DOMAIN.md, flow 3). */
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

/**
 * A refund as this reader may see it: a buyer does not see the seller’s fee, the provider’s words or who settled it.
 */
export function refundFor(role: string, refund: Refund) {
  const { version: _v, ...visible } = refund;
  if (role !== 'buyer') return visible;
  const { fee: _fee, failure, settledOutside, ...forBuyer } = visible;
  // Nor the operator's staff id: who settled it outside is the operator's business.
  const outside = settledOutside
    ? { settledOutside: { reference: settledOutside.reference, at: settledOutside.at } }
    : {};
  return { ...forBuyer, ...(failure ? { failure: { error: failure.error } } : {}), ...outside };
}

/** A message as this reader may see it: a buyer does not see SES's words about it. */
export function messageFor(role: string, message: BuyerMessage) {
  const { version: _v, ...visible } = message;
  if (role !== 'buyer') return visible;
  const { emailError: _error, sesMessageId: _ses, ...forBuyer } = visible;
  return forBuyer;
}
