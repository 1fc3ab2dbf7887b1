// Non-receipt (미수취): a buyer reports a shipped order as not received; the seller answers with
// proof, a re-shipment or a full refund; the buyer accepts the answer or takes it to the operator,
// who refunds (charged to the seller) or closes. Unanswered, it goes to the operator and is refunded
// by default (DOMAIN.md, "After delivery"). Pure: each function decides; nothing is written here.

import type { Claim, ClaimStatus } from './claim.js';
import type { Order } from './order.js';
import type { Fault } from './reasons.js';

/** The one reason a non-receipt claim carries. */
export const NON_RECEIPT_REASONS = ['NOT_RECEIVED'] as const;
export type NonReceiptReason = (typeof NON_RECEIPT_REASONS)[number];
/** A parcel that did not arrive is the seller's to answer for: a refund counts against the seller. */
export const NON_RECEIPT_FAULT: Fault = 'SELLER';

export const NON_RECEIPT_ANSWERS = ['PROOF', 'RESHIPPED', 'REFUND'] as const;
export type NonReceiptAnswer = (typeof NON_RECEIPT_ANSWERS)[number];

/**
 * How long the seller has to answer before the report goes to the operator, and how long the
 * operator then has before the refund runs by default (product decisions, configurable per
 * deployment; Amazon's A-to-z gives the seller 3 days, and so do we).
 */
export const DEFAULT_NON_RECEIPT_ANSWER_SECONDS = 3 * 24 * 3600;
export const DEFAULT_NON_RECEIPT_REFUND_AFTER_SECONDS = 2 * 24 * 3600;
/** An answer the buyer neither accepts nor disputes in 7 days closes as accepted (as a marketplace closes a case). */
export const DEFAULT_NON_RECEIPT_BUYER_SECONDS = 7 * 24 * 3600;

/** What a non-receipt claim keeps beyond a cancellation's: the seller's answer, the buyer's acceptance. */
export interface NonReceiptCase {
  /** The order's status when it was reported: IN_TRANSIT or DELIVERED. */
  reportedIn: 'IN_TRANSIT' | 'DELIVERED';
  answer?: { answer: NonReceiptAnswer; carrier?: string; trackingNo?: string; note?: string; at: string };
  acceptedAt?: string;
  /** Nobody took the answer further in time: it closed as accepted. */
  acceptedByDefault?: true;
  escalatedAt?: string;
  /** Nobody answered in time: the operator was told, and the refund runs unless the operator decides first. */
  unansweredAt?: string;
  /** The refund ran by default, the operator not having decided in time. */
  refundedByDefaultAt?: string;
}

export type NonReceiptRefusal =
  | { kind: 'STATUS'; detail: string; allowed: string[] }
  | { kind: 'RULE'; rule: 'NON_RECEIPT_REPORTED_BEFORE'; detail: string };

export type NonReceiptDecisionOf<T> = { ok: true; value: T } | { ok: false; refusal: NonReceiptRefusal };

/**
 * The buyer reports the order not received: only a shipped (IN_TRANSIT) or DELIVERED order no claim
 * holds, and once per order: a report already answered is accepted or taken to the operator, not filed again.
 */
export function decideNonReceiptReport(
  order: Pick<Order, 'orderNo' | 'status' | 'openClaimId'>,
  earlier: Pick<Claim, 'claimId' | 'type' | 'status'>[],
): NonReceiptDecisionOf<{ reportedIn: NonReceiptCase['reportedIn'] }> {
  const previous = earlier.find((claim) => claim.type === 'NON_RECEIPT');
  if (previous) {
    const next =
      previous.status === 'ANSWERED'
        ? `accept the seller's answer (POST /claims/${previous.claimId}/non-receipt-acceptance) or take it ` +
          `to the operator (POST /claims/${previous.claimId}/escalation).`
        : `it is ${previous.status}; follow it there (GET /claims/${previous.claimId}).`;
    const detail = `Order ${order.orderNo} was already reported not received (claim ${previous.claimId}): ${next}`;
    return { ok: false, refusal: { kind: 'RULE', rule: 'NON_RECEIPT_REPORTED_BEFORE', detail } };
  }
  if (order.openClaimId !== undefined) {
    const detail = `Claim ${order.openClaimId} is in progress on order ${order.orderNo}; wait for it to finish.`;
    return { ok: false, refusal: { kind: 'STATUS', detail, allowed: [] } };
  }
  if (order.status !== 'IN_TRANSIT' && order.status !== 'DELIVERED') {
    const detail =
      order.status === 'CANCELLED' || order.status === 'RETURNED'
        ? `Order ${order.orderNo} is ${order.status}: it was already refunded.`
        : `Order ${order.orderNo} is ${order.status}: it has not shipped; a non-receipt is reported once it is ` +
          'IN_TRANSIT or DELIVERED (before that, ask to cancel it: POST /orders/{orderNo}/cancel-requests).';
    return { ok: false, refusal: { kind: 'STATUS', detail, allowed: [] } };
  }
  return { ok: true, value: { reportedIn: order.status } };
}

/** Whether a RESHIPPED answer gives the new parcel's tracking: it must. */
export function answerComplete(input: { answer: NonReceiptAnswer; carrier?: string; trackingNo?: string }): boolean {
  return input.answer !== 'RESHIPPED' || (Boolean(input.carrier) && Boolean(input.trackingNo));
}

/** PROOF and RESHIPPED wait for the buyer (ANSWERED); REFUND refunds in full at once (IN_PROGRESS). */
export const answerMovesTo = (answer: NonReceiptAnswer): ClaimStatus =>
  answer === 'REFUND' ? 'IN_PROGRESS' : 'ANSWERED';

export type NonReceiptStep = 'ANSWER' | 'ACCEPT' | 'ESCALATE';

/** The steps of a non-receipt each status waits for, and who takes them. */
const NON_RECEIPT_STEPS: Partial<Record<ClaimStatus, { steps: NonReceiptStep[]; next: string }>> = {
  AWAITING_SELLER: {
    steps: ['ANSWER'],
    next: 'the seller answers with proof, a re-shipment or a refund (POST /claims/{claimId}/non-receipt-answer)',
  },
  ANSWERED: {
    steps: ['ACCEPT', 'ESCALATE'],
    next:
      'the buyer accepts the answer (POST /claims/{claimId}/non-receipt-acceptance) or takes it to the ' +
      'operator (POST /claims/{claimId}/escalation)',
  },
};

/** The steps a non-receipt in this status allows: none once it runs, ended or waits on the operator. */
export const nonReceiptStepsOf = (status: ClaimStatus): NonReceiptStep[] => NON_RECEIPT_STEPS[status]?.steps ?? [];

/** Whether the claim is a non-receipt waiting for this step; if not, what it waits for instead. */
export function requireNonReceiptStep(
  claim: Pick<Claim, 'claimId' | 'type' | 'status'>,
  step: NonReceiptStep,
): NonReceiptDecisionOf<true> {
  const waiting = NON_RECEIPT_STEPS[claim.status];
  if (claim.type === 'NON_RECEIPT' && waiting?.steps.includes(step)) return { ok: true, value: true };
  if (claim.type !== 'NON_RECEIPT') {
    return {
      ok: false,
      refusal: { kind: 'STATUS', detail: `Claim ${claim.claimId} is not a non-receipt.`, allowed: [] },
    };
  }
  const next = waiting
    ? `${waiting.next.replaceAll('{claimId}', claim.claimId)}.`
    : 'no step of the buyer or the seller is open.';
  return {
    ok: false,
    refusal: {
      kind: 'STATUS',
      detail: `Non-receipt ${claim.claimId} is ${claim.status}: ${next}`,
      allowed: nonReceiptStepsOf(claim.status),
    },
  };
}

/**
 * A non-receipt counts against the seller when it was refunded; one the buyer accepted (the parcel
 * was proved delivered, or arrived reshipped) moved no money and counts for nothing.
 */
export const nonReceiptRefunded = (claim: Pick<Claim, 'type' | 'nonReceipt'>) =>
  claim.type === 'NON_RECEIPT' && claim.nonReceipt?.acceptedAt === undefined;
