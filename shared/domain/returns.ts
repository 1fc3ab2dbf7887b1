// Returns (반품): a buyer sends a delivered order back within the return window, the seller
// approves or refuses, the parcel travels back, the seller confirms receipt, and the refund follows
// (DOMAIN.md, "After delivery"). Pure: each function decides; nothing is written here.

import type { Claim, ClaimStatus } from './claim.js';
import type { Money, Order } from './order.js';
import { NON_RECEIPT_REASONS } from './non-receipt.js';
import { CANCEL_REASONS, type Fault } from './reasons.js';

export const SELLER_FAULT_RETURN_REASONS = [
  'DEFECTIVE',
  'DAMAGED',
  'WRONG_ITEM',
  'NOT_AS_DESCRIBED',
  'LATE_DELIVERY',
] as const;
export const BUYER_FAULT_RETURN_REASONS = ['CHANGED_MIND', 'WRONG_SIZE_OR_COLOUR'] as const;
export const RETURN_REASONS = [...SELLER_FAULT_RETURN_REASONS, ...BUYER_FAULT_RETURN_REASONS] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const returnFaultOf = (reason: ReturnReason): Fault =>
  (BUYER_FAULT_RETURN_REASONS as readonly string[]).includes(reason) ? 'BUYER' : 'SELLER';

/** 7 days from delivery unless the seller allows more, at most 30 (DOMAIN.md). */
export const DEFAULT_RETURN_WINDOW_DAYS = 7;
export const MOST_RETURN_WINDOW_DAYS = 30;
/**
 * What a buyer-fault return costs the buyer for the parcel back: deducted from the refund (a
 * product decision, configurable per deployment; the guide names no figure).
 */
export const DEFAULT_RETURN_SHIPPING_FEE: Money = { amount: 800, currency: 'JPY' };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The window a seller's setting gives: whole days, from 7 up to 30; anything else is the default. */
export function returnWindowDays(sellerDays: number | undefined): number {
  if (sellerDays === undefined || !Number.isInteger(sellerDays)) return DEFAULT_RETURN_WINDOW_DAYS;
  return Math.min(MOST_RETURN_WINDOW_DAYS, Math.max(DEFAULT_RETURN_WINDOW_DAYS, sellerDays));
}

/** When the buyer can no longer ask: `days` after delivery. */
export const returnWindowEnd = (deliveredAt: string, days: number) =>
  new Date(Date.parse(deliveredAt) + days * DAY_MS).toISOString();

export const RETURN_DECISIONS = ['APPROVE', 'REFUSE'] as const;
export type ReturnDecision = (typeof RETURN_DECISIONS)[number];
export const RECEIPT_OUTCOMES = ['RECEIVED', 'MISSING', 'NOT_AS_DESCRIBED'] as const;
export type ReceiptOutcome = (typeof RECEIPT_OUTCOMES)[number];

/** What a return claim keeps beyond a cancellation's: the window, the seller's answer, the parcel, the receipt. */
export interface ReturnCase {
  windowEndsAt: string;
  approval?: { returnAddress: string; instructions?: string; at: string };
  refusal?: { reason: string; at: string };
  shipment?: { carrier: string; trackingNo: string; at: string };
  receipt?: { outcome: ReceiptOutcome; note?: string; at: string };
  /** The buyer took the refusal to the operator. */
  escalatedAt?: string;
  /** The seller had not confirmed receipt in time: the operator was told (return-waits.ts). */
  receiptOverdueAt?: string;
}

/** Why a step of a return is refused: the claim's status (409) or a rule (422). */
export type ReturnRefusal =
  | { kind: 'STATUS'; detail: string; allowed: string[] }
  | { kind: 'RULE'; rule: 'RETURN_WINDOW_CLOSED' | 'RETURN_REFUSED_BEFORE'; detail: string };

export type ReturnDecisionOf<T> = { ok: true; value: T } | { ok: false; refusal: ReturnRefusal };

/** The order's return the seller refused, if any: a refusal goes to the operator, it is not asked again. */
export const returnRefusedBefore = <C extends Pick<Claim, 'type' | 'status'>>(earlier: C[]): C | undefined => {
  const previous = earlier.find((claim) => claim.type === 'RETURN' && claim.status !== 'WITHDRAWN');
  return previous?.status === 'REFUSED' ? previous : undefined;
};

/**
 * The buyer asks to return a delivered order. Only a DELIVERED order no claim holds, within the
 * window, and never a second time: a refused return goes to the operator (escalation), not again.
 */
export function decideReturnRequest(
  order: Pick<Order, 'orderNo' | 'status' | 'deliveredAt' | 'openClaimId'>,
  earlier: Pick<Claim, 'claimId' | 'type' | 'status'>[],
  reason: ReturnReason,
  windowDays: number,
  now: Date,
): ReturnDecisionOf<{ fault: Fault; windowEndsAt: string }> {
  const previous = returnRefusedBefore(earlier);
  if (previous) {
    const detail =
      `A return of order ${order.orderNo} was refused (claim ${previous.claimId}): ` +
      `take it to the operator (POST /claims/${previous.claimId}/escalation).`;
    return { ok: false, refusal: { kind: 'RULE', rule: 'RETURN_REFUSED_BEFORE', detail } };
  }
  if (order.openClaimId !== undefined) {
    return {
      ok: false,
      refusal: {
        kind: 'STATUS',
        detail: `Claim ${order.openClaimId} is in progress on order ${order.orderNo}; wait for it to finish.`,
        allowed: [],
      },
    };
  }
  if (order.status !== 'DELIVERED' || order.deliveredAt === undefined) {
    const detail =
      order.status === 'CANCELLED' || order.status === 'RETURNED'
        ? `Order ${order.orderNo} is ${order.status}: it was already refunded, there is nothing to return.`
        : `Order ${order.orderNo} is ${order.status}: a return is asked for once it is DELIVERED` +
          (order.status === 'IN_TRANSIT'
            ? '; report it not received instead (POST /orders/{orderNo}/non-receipt) if it does not arrive.'
            : '.');
    return { ok: false, refusal: { kind: 'STATUS', detail, allowed: [] } };
  }
  const windowEndsAt = returnWindowEnd(order.deliveredAt, windowDays);
  if (now.toISOString() > windowEndsAt) {
    const detail =
      `The return window of order ${order.orderNo} closed at ${windowEndsAt} ` +
      `(${windowDays} days from delivery): ask the seller or the operator.`;
    return { ok: false, refusal: { kind: 'RULE', rule: 'RETURN_WINDOW_CLOSED', detail } };
  }
  return { ok: true, value: { fault: returnFaultOf(reason), windowEndsAt } };
}

/** The step of a return each status waits for, and who takes it. */
const RETURN_STEPS: Partial<Record<ClaimStatus, { step: ReturnStep; next: string }>> = {
  AWAITING_APPROVAL: {
    step: 'DECIDE',
    next: 'the seller approves or refuses (POST /claims/{claimId}/return-decision)',
  },
  AWAITING_RETURN: {
    step: 'SHIP_BACK',
    next: 'the buyer enters the return shipment (POST /claims/{claimId}/return-shipment)',
  },
  RETURN_IN_TRANSIT: {
    step: 'CONFIRM_RECEIPT',
    next: 'the seller confirms receipt (POST /claims/{claimId}/return-receipt)',
  },
  REFUSED: {
    step: 'ESCALATE',
    next: 'the buyer may take the refusal to the operator (POST /claims/{claimId}/escalation)',
  },
};
export type ReturnStep = 'DECIDE' | 'SHIP_BACK' | 'CONFIRM_RECEIPT' | 'ESCALATE';

/** The steps a return in this status allows: one, or none once it runs, ended or waits on the operator. */
export const returnStepsOf = (status: ClaimStatus): ReturnStep[] =>
  RETURN_STEPS[status] ? [RETURN_STEPS[status].step] : [];

/** Whether the claim is a return waiting for this step; if not, what it waits for instead. */
export function requireReturnStep(
  claim: Pick<Claim, 'claimId' | 'type' | 'status'>,
  step: ReturnStep,
): ReturnDecisionOf<true> {
  const waiting = RETURN_STEPS[claim.status];
  if (claim.type === 'RETURN' && waiting?.step === step) return { ok: true, value: true };
  const what =
    claim.type !== 'RETURN' ? `Claim ${claim.claimId} is not a return.` : `Return ${claim.claimId} is ${claim.status}`;
  const next =
    claim.type === 'RETURN' && waiting
      ? `: ${waiting.next.replace('{claimId}', claim.claimId)}.`
      : claim.type === 'RETURN'
        ? ': no step of the buyer or the seller is open.'
        : '';
  return {
    ok: false,
    refusal: {
      kind: 'STATUS',
      detail: `${what}${next}`,
      allowed: claim.type === 'RETURN' ? returnStepsOf(claim.status) : [],
    },
  };
}

/** The refund's deductions: the parcel back, when the buyer is at fault, never more than was paid. */
export function returnDeductions(
  fault: Fault,
  paid: Money,
  shippingFee: Money = DEFAULT_RETURN_SHIPPING_FEE,
): { kind: 'RETURN_SHIPPING'; amount: Money }[] {
  if (fault !== 'BUYER' || shippingFee.amount <= 0) return [];
  return [
    { kind: 'RETURN_SHIPPING', amount: { amount: Math.min(paid.amount, shippingFee.amount), currency: paid.currency } },
  ];
}

/** After receipt: RECEIVED refunds; MISSING and NOT_AS_DESCRIBED go to the operator. */
export const receiptRefunds = (outcome: ReceiptOutcome) => outcome === 'RECEIVED';

/** Every reason a claim may carry: a cancellation's, a return's or a non-receipt's. */
export const CLAIM_REASONS = [...CANCEL_REASONS, ...RETURN_REASONS, ...NON_RECEIPT_REASONS] as const;
