// Claims: one cancellation, refund or return of one or more orders, from request to completion.

import type { CancelReason, Fault } from './reasons.js';
import { nonReceiptRefunded, type NonReceiptCase, type NonReceiptReason } from './non-receipt.js';
import type { ReturnCase, ReturnReason } from './returns.js';

export const CLAIM_TYPES = ['SELLER_CANCEL', 'SELLER_REFUND', 'BUYER_CANCEL', 'RETURN', 'NON_RECEIPT'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const CLAIM_STATUSES = [
  'REQUESTED',
  'AWAITING_APPROVAL',
  'AWAITING_RETURN',
  'RETURN_IN_TRANSIT',
  'IN_PROGRESS',
  'COMPLETED',
  'WITHDRAWN',
  'FAILED',
  'NEEDS_OPERATOR',
  'REFUSED',
  'AWAITING_SELLER',
  'ANSWERED',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Scope of a seller cancellation: this order only (해당 주문건만), or every order of its cart. */
export const CANCEL_SCOPES = ['ORDER', 'CART'] as const;
export type CancelScope = (typeof CANCEL_SCOPES)[number];

/** Which claim statuses may follow which: anything else is a bug, and the store refuses it. */
const NEXT_CLAIM_STATUSES: Record<ClaimStatus, readonly ClaimStatus[]> = {
  // NEEDS_OPERATOR straight from REQUESTED: an order the seller may not cancel (coupon, payment method).
  REQUESTED: ['IN_PROGRESS', 'FAILED', 'NEEDS_OPERATOR'],
  // FAILED: the approval workflow could not be started, and the request let go of the order.
  // A return: approved (AWAITING_RETURN) or refused by the seller.
  AWAITING_APPROVAL: ['IN_PROGRESS', 'WITHDRAWN', 'NEEDS_OPERATOR', 'FAILED', 'AWAITING_RETURN', 'REFUSED'],
  // The buyer sends the parcel back (or the seller has it already); the buyer may still give up.
  AWAITING_RETURN: ['RETURN_IN_TRANSIT', 'IN_PROGRESS', 'NEEDS_OPERATOR', 'WITHDRAWN', 'FAILED'],
  // Received: the refund runs; missing or not as described, or not confirmed in time: the operator.
  RETURN_IN_TRANSIT: ['IN_PROGRESS', 'NEEDS_OPERATOR', 'FAILED'],
  // The buyer may take a refusal to the operator; otherwise it stays refused.
  REFUSED: ['NEEDS_OPERATOR'],
  // A non-receipt: the seller answers (proof or a re-shipment: ANSWERED; a refund: IN_PROGRESS), or
  // nobody does in time (NEEDS_OPERATOR); FAILED: its workflow could not run.
  AWAITING_SELLER: ['ANSWERED', 'IN_PROGRESS', 'NEEDS_OPERATOR', 'FAILED'],
  // The buyer accepts the answer (COMPLETED, no money moves) or takes it to the operator.
  ANSWERED: ['COMPLETED', 'NEEDS_OPERATOR'],
  IN_PROGRESS: ['COMPLETED', 'FAILED', 'NEEDS_OPERATOR'],
  // The operator completes it (the workflow runs again) or closes it.
  NEEDS_OPERATOR: ['IN_PROGRESS', 'FAILED'],
  COMPLETED: [],
  WITHDRAWN: [],
  FAILED: [],
};

export const CLOSED_CLAIM_STATUSES: readonly ClaimStatus[] = ['COMPLETED', 'WITHDRAWN', 'FAILED', 'REFUSED'];

/**
 * The most orders one claim may cover. Each step writes a claim's orders in one DynamoDB transaction
 * (at most 100 items: up to seven per order with their integration events), so a larger cart is
 * refused, never split silently.
 */
export const MAX_ORDERS_PER_CLAIM = 12;

/** A claim not completed or confirmed within 4 days of its receipt is delayed (지연). */
export const CLAIM_DELAY_MS = 4 * 24 * 60 * 60 * 1000;

export interface ClaimFailure {
  error: string;
  cause: string;
}

/**
 * What an operator may do with a claim that needs one: run it again, close it, or record its card
 * refunds as settled at the provider outside the system (docs/PAYMENTS.md, "A provider that answers
 * outside the protocol"). COMPLETE and SETTLED_OUTSIDE each start a run of the claim.
 */
export const RESOLUTION_ACTIONS = ['COMPLETE', 'CLOSE', 'SETTLED_OUTSIDE'] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

export interface Claim {
  claimId: string;
  type: ClaimType;
  status: ClaimStatus;
  /** The order the claim was filed on. */
  orderNo: string;
  /** Every order the claim covers: more than one only for a cart-wide cancellation. */
  orderNos: string[];
  /** Orders of the cart left out of a cart-wide cancellation, and why. */
  excluded: { orderNo: string; reason: string }[];
  cartNo: string;
  sellerId: string;
  buyerId: string;
  reason: CancelReason | ReturnReason | NonReceiptReason;
  fault: Fault;
  scope: CancelScope;
  /** A return's window, the seller's answer, the parcel back and its receipt. */
  return?: ReturnCase;
  /** A non-receipt's report, the seller's answer, and what the buyer did with it. */
  nonReceipt?: NonReceiptCase;
  /**
   * The orders it covers that were DELAYED when it was opened: whatever the reason, each is a
   * cancellation of a delayed order on the seller's record.
   */
  delayedOrders?: string[];
  /** Claims opened before `delayedOrders` was kept said only that some order was DELAYED. */
  orderDelayed?: true;
  /** Seen by the buyer in My Qoo10. */
  sellerMemo?: string;
  buyerMessage?: string;
  /** The buyer notice sent before the cancellation. */
  noticeMessageId?: string;
  /** The notice that tells the buyer the claim is done. */
  completionMessageId?: string;
  requestedBy: { role: string; id: string };
  requestedAt: string;
  /** The id of the API request that opened it, carried through its workflows into logs and e-mail tags. */
  correlationId?: string;
  completedAt?: string;
  failure?: ClaimFailure;
  /** When the approval wait passed the 4 days and the claim was flagged delayed (지연). */
  delayedAt?: string;
  /** Who withdrew a buyer's request, and why. */
  withdrawal?: { by: { role: string; id: string }; reason?: string; at: string };
  /** The e-mail that told the operator the claim needs them: PENDING until SES took it. */
  operatorAlert?: { why: string; status: 'PENDING' | 'SENT'; attempts: number; sentAt?: string };
  /** What operators decided on the claim, oldest first; its length numbers the operator's runs. */
  resolutions?: {
    action: ResolutionAction;
    reason: string;
    reference?: string;
    by: { role: string; id: string };
    at: string;
  }[];
  updatedAt: string;
  version: number;
}

/** The orders the claim found DELAYED when it was opened (for an older claim: all of them, if any was). */
export function delayedOrdersOf(claim: Pick<Claim, 'delayedOrders' | 'orderDelayed' | 'orderNos'>): string[] {
  return claim.delayedOrders ?? (claim.orderDelayed ? claim.orderNos : []);
}

/**
 * What a completed claim adds to its seller's standing, per order (the guide counts cancellations
 * by order number): every order of a seller-fault claim; of those, the orders cancelled while
 * DELAYED, and apart from them the orders refunded after shipping (always for SHIPPING_DELAY).
 */
export function standingOf(
  claim: Pick<Claim, 'type' | 'fault' | 'orderNos' | 'delayedOrders' | 'orderDelayed' | 'nonReceipt'>,
): SellerStanding {
  if (claim.fault !== 'SELLER' || (claim.type === 'NON_RECEIPT' && !nonReceiptRefunded(claim)))
    return { sellerFaultOrders: 0, cancelledWhileDelayed: 0, refundedForDelay: 0 };
  const refund = claim.type === 'SELLER_REFUND';
  return {
    sellerFaultOrders: claim.orderNos.length,
    cancelledWhileDelayed: refund ? 0 : delayedOrdersOf(claim).length,
    refundedForDelay: refund ? claim.orderNos.length : 0,
  };
}

/** The seller's record (the guide: seller-fault cancellations count against its standing), in orders. */
export interface SellerStanding {
  sellerFaultOrders: number;
  cancelledWhileDelayed: number;
  refundedForDelay: number;
}

export function canMoveClaim(from: ClaimStatus, to: ClaimStatus): boolean {
  return NEXT_CLAIM_STATUSES[from].includes(to);
}

export function isClaimDelayed(claim: Pick<Claim, 'status' | 'requestedAt' | 'delayedAt'>, now: Date): boolean {
  if (CLOSED_CLAIM_STATUSES.includes(claim.status)) return false;
  return claim.delayedAt !== undefined || now.getTime() - Date.parse(claim.requestedAt) > CLAIM_DELAY_MS;
}

export const OPEN_CLAIM_STATUSES: readonly ClaimStatus[] = CLAIM_STATUSES.filter(
  (status) => !CLOSED_CLAIM_STATUSES.includes(status),
);

/** The dashboard's claim counts (QSM main page), from the counts by status and the number delayed. */
export function claimCounts(stored: Partial<Record<ClaimStatus, number>>, delayed: number) {
  const count = (statuses: ClaimStatus[]) => statuses.reduce((sum, status) => sum + (stored[status] ?? 0), 0);
  return {
    requested: count(['REQUESTED', 'AWAITING_APPROVAL', 'AWAITING_SELLER']),
    inProgress: count(['IN_PROGRESS', 'AWAITING_RETURN', 'RETURN_IN_TRANSIT', 'ANSWERED']),
    completed: count(['COMPLETED']),
    delayed,
    needsOperator: count(['NEEDS_OPERATOR']),
    withdrawn: count(['WITHDRAWN']),
    failed: count(['FAILED']),
  };
}

/** Requested before this moment, an open claim is delayed (지연). */
export const delayCutoff = (now: Date) => new Date(now.getTime() - CLAIM_DELAY_MS).toISOString();
