// Which actions each order status allows, and the decisions for each action (docs/DOMAIN.md, flows 1–3).
// Pure: every function takes the order and the time and returns a decision; nothing is written here.

import type { Claim } from './claim.js';
import { awaitsPayment, effectiveStatus, marketplaceDate, type Order, type OrderStatus } from './order.js';
import { faultOf, REFUND_AFTER_SHIPPING_REASON, type CancelReason, type Fault } from './reasons.js';

export const ORDER_ACTIONS = [
  'SET_SHIP_DATE',
  'SHIP',
  'DELIVER',
  'SELLER_CANCEL',
  'SELLER_REFUND',
  'BUYER_CANCEL',
  'APPROVE_CANCEL_REQUEST',
  'WITHDRAW_CANCEL_REQUEST',
  'CONFIRM_PAYMENT',
  'REQUEST_RETURN',
  'REPORT_NON_RECEIPT',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

const ACTIONS_BY_STATUS: Record<OrderStatus, readonly OrderAction[]> = {
  // Awaiting payment (a convenience store or bank transfer not yet paid): confirmed, it is NEW.
  // The payment itself is not a status's action: it can arrive whatever holds the order.
  PROCESSING: ['SELLER_CANCEL', 'BUYER_CANCEL'],
  NEW: ['SET_SHIP_DATE', 'SHIP', 'SELLER_CANCEL', 'BUYER_CANCEL'],
  PREPARING: ['SET_SHIP_DATE', 'SHIP', 'SELLER_CANCEL', 'BUYER_CANCEL'],
  DELAYED: ['SHIP', 'SELLER_CANCEL', 'BUYER_CANCEL'],
  IN_TRANSIT: ['DELIVER', 'SELLER_REFUND', 'REPORT_NON_RECEIPT'],
  DELIVERED: ['SELLER_REFUND', 'REQUEST_RETURN', 'REPORT_NON_RECEIPT'],
  // The order cannot be shipped; the seller approves, or the buyer withdraws (docs/DOMAIN.md, flow 3).
  CANCEL_REQUESTED: ['APPROVE_CANCEL_REQUEST', 'WITHDRAW_CANCEL_REQUEST'],
  CANCELLED: [],
  RETURNED: [],
};

/** Who may take each action (docs/DOMAIN.md, "Who acts"): the operator acts for a buyer who cannot. */
export type Actor = 'seller' | 'buyer' | 'operator';
const ACTORS: Record<OrderAction, readonly Actor[]> = {
  SET_SHIP_DATE: ['seller'],
  SHIP: ['seller'],
  DELIVER: ['operator'],
  CONFIRM_PAYMENT: ['operator'],
  SELLER_CANCEL: ['seller'],
  SELLER_REFUND: ['seller'],
  BUYER_CANCEL: ['buyer', 'operator'],
  APPROVE_CANCEL_REQUEST: ['seller'],
  WITHDRAW_CANCEL_REQUEST: ['buyer', 'operator'],
  REQUEST_RETURN: ['buyer', 'operator'],
  REPORT_NON_RECEIPT: ['buyer', 'operator'],
};

/** Of the actions an order allows, those this actor may take. */
export const actionsOf = (actor: Actor, actions: readonly OrderAction[]): OrderAction[] =>
  actions.filter((action) => ACTORS[action].includes(actor));

/**
 * A refused action: CONFLICT when the order's status does not allow it (409), RULE when a business rule says no (422).
 */
export type Refusal =
  | { kind: 'CONFLICT'; detail: string; currentStatus: OrderStatus; allowedActions: OrderAction[] }
  | { kind: 'RULE'; rule: RuleCode; detail: string };

export type RuleCode =
  | 'BUYER_REQUEST_REQUIRED'
  | 'REFUND_REASON_NOT_ALLOWED'
  | 'RETURNS_PROCESS'
  | 'SHIP_DATE_IN_PAST'
  | 'PERSONAL_DATA'
  | 'NOTICE_NOT_USABLE'
  | 'SELLER_CANNOT_CANCEL'
  | 'INSUFFICIENT_BALANCE'
  | 'WITHDRAWAL_DECLINED'
  | 'WITHDRAWAL_SETTLED'
  | 'NOTHING_TO_RESEND'
  | 'OPERATOR_ONLY'
  | 'NOT_A_BUYER_REASON'
  | 'CLAIM_TOO_LARGE'
  | 'CART_OF_ANOTHER_BUYER'
  | 'NOTHING_TO_RETRY'
  | 'SELLER_PROFILE_MISSING'
  | 'NOT_IN_INQUIRY'
  | 'PAYMENT_NOT_DEFERRED'
  | 'RETURN_WINDOW_CLOSED'
  | 'RETURN_REFUSED_BEFORE'
  | 'NON_RECEIPT_REPORTED_BEFORE'
  | 'TRACKING_REQUIRED';

export type Decision<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const accept = <T>(value: T): Decision<T> => ({ ok: true, value });
const refuseRule = (rule: RuleCode, detail: string): Decision<never> => ({
  ok: false,
  refusal: { kind: 'RULE', rule, detail },
});

/**
 * What the order allows now. A running claim holds the order; a pending buyer request is itself
 * the claim its actions answer, as long as it still waits for the seller (handed to an operator,
 * it waits for the operator, and the order allows nothing meanwhile). An unpaid order is not
 * shipped, even once its ship date has passed; its payment may arrive at any time, even after it
 * was cancelled (and is then returned).
 */
export function allowedActions(order: Order, now: Date, openClaim?: Pick<Claim, 'claimId' | 'status'>): OrderAction[] {
  const payment: OrderAction[] = paymentMayArrive(order) ? ['CONFIRM_PAYMENT'] : [];
  const status = effectiveStatus(order, now);
  if (order.openClaimId !== undefined && status !== 'CANCEL_REQUESTED') return payment;
  if (
    status === 'CANCEL_REQUESTED' &&
    openClaim &&
    openClaim.claimId === order.openClaimId &&
    openClaim.status !== 'AWAITING_APPROVAL'
  )
    return payment;
  const byStatus = ACTIONS_BY_STATUS[status].filter(
    (action) => !(awaitsPayment(order) && SHIPPING_ACTIONS.includes(action)),
  );
  return [...payment, ...byStatus];
}

const SHIPPING_ACTIONS: readonly OrderAction[] = ['SET_SHIP_DATE', 'SHIP'];

/** The buyer has not paid, or paid nothing into an order cancelled before it was paid. */
const paymentMayArrive = (order: Order) =>
  awaitsPayment(order) || (order.cancelledUnpaid !== undefined && order.paidAt === undefined);

function conflict(order: Order, now: Date, detail: string): Decision<never> {
  return {
    ok: false,
    refusal: {
      kind: 'CONFLICT',
      detail,
      currentStatus: effectiveStatus(order, now),
      allowedActions: allowedActions(order, now),
    },
  };
}

/** Checks the action against the status, and says why not in the words a seller or buyer needs. */
function requireAction(order: Order, action: OrderAction, now: Date): Decision<OrderStatus> {
  const status = effectiveStatus(order, now);
  if (allowedActions(order, now).includes(action)) return accept(status);
  if (order.openClaimId !== undefined && status !== 'CANCEL_REQUESTED') {
    return conflict(
      order,
      now,
      `Claim ${order.openClaimId} is in progress on order ${order.orderNo}; wait for it to finish.`,
    );
  }
  if (status === 'CANCEL_REQUESTED') {
    return conflict(
      order,
      now,
      `The buyer asked to cancel order ${order.orderNo}: approve the request, or ask the buyer to withdraw it.`,
    );
  }
  if (action === 'SELLER_CANCEL' && (status === 'IN_TRANSIT' || status === 'DELIVERED')) {
    return conflict(
      order,
      now,
      `Order ${order.orderNo} has shipped: use a refund after shipping (POST /orders/${order.orderNo}/refunds).`,
    );
  }
  if (action === 'SELLER_REFUND' && ACTIONS_BY_STATUS[status].includes('SELLER_CANCEL')) {
    return conflict(
      order,
      now,
      `Order ${order.orderNo} has not shipped: cancel it (POST /orders/${order.orderNo}/cancellations).`,
    );
  }
  return conflict(order, now, `Order ${order.orderNo} is ${status}: ${action} is not allowed.`);
}

// ── Shipping ────────────────────────────────────────────────────────────────────────────────

export function decideShipDate(order: Order, shipDate: string, now: Date): Decision<Order> {
  const allowed = requireAction(order, 'SET_SHIP_DATE', now);
  if (!allowed.ok) return allowed;
  if (shipDate < marketplaceDate(now)) {
    return refuseRule(
      'SHIP_DATE_IN_PAST',
      `The expected ship date ${shipDate} has already passed (today is ${marketplaceDate(now)} in Japan).`,
    );
  }
  return accept({ ...order, status: 'PREPARING', expectedShipDate: shipDate });
}

export function decideShipment(order: Order, now: Date, shipment: Order['shipment'] = {}): Decision<Order> {
  const allowed = requireAction(order, 'SHIP', now);
  if (!allowed.ok) return allowed;
  return accept({
    ...order,
    status: 'IN_TRANSIT',
    shippedAt: now.toISOString(),
    ...(shipment.carrier || shipment.trackingNumber ? { shipment } : {}),
  });
}

export function decideDelivery(order: Order, now: Date): Decision<Order> {
  const allowed = requireAction(order, 'DELIVER', now);
  if (!allowed.ok) return allowed;
  return accept({ ...order, status: 'DELIVERED', deliveredAt: now.toISOString() });
}

/**
 * The payment arrived (the operator, for the payment provider). An order awaiting it is NEW, also
 * while a claim holds it (the claim then finds it paid, and refunds it). An order cancelled before
 * it was paid stays CANCELLED, and the payment is to be returned (`late`).
 */
export function decidePaymentArrived(order: Order, now: Date): Decision<{ order: Order; late: boolean }> {
  const paidAt = now.toISOString();
  if (awaitsPayment(order)) return accept({ order: { ...order, status: 'NEW', paidAt }, late: false });
  if (paymentMayArrive(order)) return accept({ order: { ...order, paidAt }, late: true });
  const when = order.paidAt ? `paid at ${order.paidAt}` : 'it was paid at checkout';
  return conflict(order, now, `Order ${order.orderNo} is not awaiting payment: ${when}.`);
}

// ── Claims ──────────────────────────────────────────────────────────────────────────────────

export interface ClaimTerms {
  reason: CancelReason;
  fault: Fault;
}

/** Flow 1: a seller-fault cancellation before shipping. Buyer-fault reasons need the buyer's own request. */
export function decideSellerCancel(order: Order, reason: CancelReason, now: Date): Decision<ClaimTerms> {
  const allowed = requireAction(order, 'SELLER_CANCEL', now);
  if (!allowed.ok) return allowed;
  if (faultOf(reason) === 'BUYER') {
    return refuseRule(
      'BUYER_REQUEST_REQUIRED',
      `${reason} is a buyer-fault reason: it needs the buyer's own cancel request. Ask the buyer to file one, or ` +
        `the operator if the buyer cannot.`,
    );
  }
  return accept({ reason, fault: 'SELLER' });
}

/** Flow 2: a seller-fault refund after shipping; SHIPPING_DELAY is the only reason allowed. */
export function decideSellerRefund(order: Order, reason: CancelReason, now: Date): Decision<ClaimTerms> {
  const allowed = requireAction(order, 'SELLER_REFUND', now);
  if (!allowed.ok) return allowed;
  if (faultOf(reason) === 'BUYER') {
    return refuseRule(
      'RETURNS_PROCESS',
      `A buyer-fault refund of a shipped order goes through the returns process: once delivered, the buyer asks for ` +
        `it (POST /orders/${order.orderNo}/returns).`,
    );
  }
  if (reason !== REFUND_AFTER_SHIPPING_REASON) {
    return refuseRule(
      'REFUND_REASON_NOT_ALLOWED',
      `After shipping the only reason allowed is ${REFUND_AFTER_SHIPPING_REASON}, not ${reason}.`,
    );
  }
  return accept({ reason, fault: 'SELLER' });
}

export type BuyerCancelOutcome = 'CANCELLED_IMMEDIATELY' | 'AWAITING_SELLER';

/**
 * Flow 3: PROCESSING and NEW cancel at once on the buyer's account; DELAYED cancels at once but
 * counts against the seller, who missed the ship date; PREPARING waits for the seller.
 */
export function decideBuyerCancel(
  order: Order,
  buyerReason: CancelReason,
  now: Date,
): Decision<ClaimTerms & { outcome: BuyerCancelOutcome }> {
  const allowed = requireAction(order, 'BUYER_CANCEL', now);
  if (!allowed.ok) return allowed;
  switch (allowed.value) {
    case 'DELAYED':
      return accept({ reason: 'SHIPPING_DELAY', fault: 'SELLER', outcome: 'CANCELLED_IMMEDIATELY' });
    case 'PREPARING':
      return accept({ reason: buyerReason, fault: faultOf(buyerReason), outcome: 'AWAITING_SELLER' });
    default:
      return accept({ reason: buyerReason, fault: faultOf(buyerReason), outcome: 'CANCELLED_IMMEDIATELY' });
  }
}

/** Deciding on a buyer's pending request: the seller approves, or the buyer (or an operator) withdraws it. */
export function decideOnRequest(
  order: Order,
  claim: Pick<Claim, 'claimId' | 'type' | 'status'>,
  action: 'APPROVE_CANCEL_REQUEST' | 'WITHDRAW_CANCEL_REQUEST',
  now: Date,
): Decision<true> {
  const allowed = requireAction(order, action, now);
  if (!allowed.ok) return allowed;
  if (claim.type !== 'BUYER_CANCEL' || claim.status !== 'AWAITING_APPROVAL' || order.openClaimId !== claim.claimId) {
    return {
      ok: false,
      refusal: {
        kind: 'CONFLICT',
        detail: `Claim ${claim.claimId} is ${claim.status}: it is not a buyer's request waiting for the seller.`,
        currentStatus: effectiveStatus(order, now),
        allowedActions: allowedActions(order, now, order.openClaimId === claim.claimId ? claim : undefined),
      },
    };
  }
  return accept(true);
}

/** Opening a claim holds the order; a buyer request that waits for the seller also blocks shipment. */
export function holdForClaim(order: Order, claimId: string, awaitingSeller: boolean): Order {
  return {
    ...order,
    status: awaitingSeller ? 'CANCEL_REQUESTED' : order.status,
    openClaimId: claimId,
    claimIds: order.claimIds.includes(claimId) ? order.claimIds : [...order.claimIds, claimId],
  };
}

/** A claim that ends without effect (failed before applying, or withdrawn) lets go of the order. */
export function releaseFromClaim(order: Order, claimId: string, now: Date): Order {
  if (order.openClaimId !== claimId) return order;
  const { openClaimId: _released, ...rest } = order;
  // A withdrawn request puts the order back where it was: PREPARING, or DELAYED if the date has passed.
  return {
    ...rest,
    status: order.status === 'CANCEL_REQUESTED' ? 'PREPARING' : order.status,
    updatedAt: now.toISOString(),
  };
}

/** The claims that refund a shipped order: it ends RETURNED (the guide: "processed as a return"). */
const REFUNDED_AFTER_SHIPPING: readonly Claim['type'][] = ['SELLER_REFUND', 'RETURN', 'NON_RECEIPT'];

/**
 * The claim's effect on the order: cancelled before shipping, returned after (the guide: "processed
 * as a return"). An order cancelled while awaiting payment says so: there is nothing to refund.
 */
export function applyClaimToOrder(order: Order, claim: Pick<Claim, 'claimId' | 'type'>, now: Date): Decision<Order> {
  if (order.openClaimId !== claim.claimId) {
    const detail = `Order ${order.orderNo} is not held by claim ${claim.claimId}.`;
    return { ok: false, refusal: { kind: 'CONFLICT', detail, currentStatus: order.status, allowedActions: [] } };
  }
  const { openClaimId: _done, ...rest } = order;
  const unpaid = awaitsPayment(order) ? { cancelledUnpaid: { claimId: claim.claimId, at: now.toISOString() } } : {};
  return accept({
    ...rest,
    status: REFUNDED_AFTER_SHIPPING.includes(claim.type) ? 'RETURNED' : 'CANCELLED',
    ...unpaid,
  });
}

/**
 * Cart scope: every other order of this seller in the cart, for the same buyer, that the seller may
 * cancel now is included; each of the seller's other orders is reported with the reason it was left
 * out (an order only the operator may cancel among them). Other sellers' orders are none of this
 * seller's business: they are neither cancelled nor named.
 */
export function splitCart(
  primary: Pick<Order, 'orderNo' | 'buyer'>,
  cartOrders: Order[],
  sellerId: string,
  reason: CancelReason,
  now: Date,
  operatorOnly: (order: Order) => string | undefined,
): { included: Order[]; excluded: { orderNo: string; reason: string }[] } {
  const included: Order[] = [];
  const excluded: { orderNo: string; reason: string }[] = [];
  for (const order of cartOrders) {
    if (order.orderNo === primary.orderNo || order.sellerId !== sellerId) continue;
    if (order.buyer.id !== primary.buyer.id) {
      excluded.push({
        orderNo: order.orderNo,
        reason: 'Another buyer’s order: cancel it on its own, with its own notice.',
      });
      continue;
    }
    const blocked = operatorOnly(order);
    if (blocked) {
      excluded.push({ orderNo: order.orderNo, reason: `${blocked} Cancel it on its own: it goes to the operator.` });
      continue;
    }
    const decision = decideSellerCancel(order, reason, now);
    if (decision.ok) included.push(order);
    else excluded.push({ orderNo: order.orderNo, reason: decision.refusal.detail });
  }
  return { included, excluded };
}
