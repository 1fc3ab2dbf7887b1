// Refund rules (docs/DOMAIN.md, "Refunds" and flow 1's fee).

import type { ClaimType } from './claim.js';
import type { Fault } from './reasons.js';
import { returnDeductions } from './returns.js';
import { awaitsPayment, type Money, type Order, type PaymentMethod } from './order.js';

export const REFUND_METHODS = ['CARD_AUTHORIZATION_CANCEL', 'BALANCE_CREDIT'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

export const REFUND_STATUSES = ['PENDING', 'COMPLETED', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * Handling fee by payment channel, in JPY. The guide: from 108 JPY for convenience-store and bank
 * payments, varying by store or bank. Deployments configure their own table.
 */
export type RefundFeeTable = Partial<Record<PaymentMethod, number>>;
export const DEFAULT_REFUND_FEES: RefundFeeTable = { CONVENIENCE_STORE: 108, BANK_TRANSFER: 108 };

export interface RefundFee extends Money {
  /** Product decision: the seller bears it for a seller-fault claim; the buyer's refund is never reduced. */
  chargedTo: 'SELLER' | 'MARKETPLACE';
}

export interface Refund {
  refundId: string;
  claimId: string;
  orderNo: string;
  /** Absent on refunds written before it was kept. */
  sellerId?: string;
  buyerId: string;
  /** What the buyer gets back: the full total, less a buyer-fault return's shipping (`deductions`). */
  amount: Money;
  /** Taken from the total before it is refunded: the parcel back of a buyer-fault return. */
  deductions?: RefundDeduction[];
  fee?: RefundFee;
  method: RefundMethod;
  status: RefundStatus;
  /** How many times the refund was started: an operator's retry after a failure is another attempt. */
  attempts: number;
  /** The payment provider's reference of the authorization cancellation (card refunds). */
  providerReference?: string;
  /** When this attempt started, if not the first (which started at createdAt). */
  attemptStartedAt?: string;
  /** For card refunds: the card side has confirmed the cancellation. */
  confirmedAt?: string;
  failure?: { error: string; cause: string };
  /**
   * Settled at the provider outside the system, as an operator recorded it: the provider answered
   * outside the protocol, and the operator found (or made) the refund in its console.
   */
  settledOutside?: { reference: string; by: { role: string; id: string }; at: string };
  /** A payment that arrived after its order was cancelled unpaid, returned under the cancelling claim's key. */
  latePayment?: true;
  createdAt: string;
  completedAt?: string;
  failedAt?: string;
  updatedAt: string;
  version: number;
}

/**
 * What a cancellation or refund of the order would pay back now: all that was paid, never more
 * (nothing while it awaits payment), and how.
 */
export function refundPreviewOf(order: Pick<Order, 'status' | 'total' | 'payment'>): {
  amount: Money;
  method: RefundMethod;
  paid: boolean;
} {
  const paid = !awaitsPayment(order);
  return {
    amount: paid ? order.total : { amount: 0, currency: order.total.currency },
    method: refundMethodFor(order.payment.method),
    paid,
  };
}

/** Card payments are refunded by cancelling the authorization; cash goes to the buyer's balance (My Qoo10 정산금). */
export function refundMethodFor(payment: PaymentMethod): RefundMethod {
  return payment === 'CARD' ? 'CARD_AUTHORIZATION_CANCEL' : 'BALANCE_CREDIT';
}

/**
 * A claim owes a refund for each order it applied to that was paid: an order it cancelled while
 * awaiting payment has none (until its payment arrives late, and is returned under the same key).
 */
export const refundOwed = (order: Pick<Order, 'cancelledUnpaid'>, claimId: string) =>
  order.cancelledUnpaid?.claimId !== claimId;

/** One refund per order and claim: the key itself forbids paying a claim twice. */
export const refundIdOf = (claimId: string, orderNo: string) => `${claimId}.${orderNo}`;

export interface RefundDeduction {
  kind: 'RETURN_SHIPPING';
  amount: Money;
}

export function planRefund(
  order: Order,
  claim: { claimId: string; fault: Fault; type?: ClaimType },
  fees: RefundFeeTable,
  now: Date,
  returnShippingFee?: Money,
): Refund {
  const deductions = claim.type === 'RETURN' ? returnDeductions(claim.fault, order.total, returnShippingFee) : [];
  const deducted = deductions.reduce((sum, deduction) => sum + deduction.amount.amount, 0);
  // Nothing left to send back (a buyer-fault return of an order worth no more than its return shipping): no fee.
  const feeAmount = order.total.amount - deducted > 0 ? fees[order.payment.method] : undefined;
  const at = now.toISOString();
  return {
    refundId: refundIdOf(claim.claimId, order.orderNo),
    claimId: claim.claimId,
    orderNo: order.orderNo,
    sellerId: order.sellerId,
    buyerId: order.buyer.id,
    amount: { amount: order.total.amount - deducted, currency: order.total.currency },
    ...(deductions.length > 0 ? { deductions } : {}),
    ...(feeAmount
      ? {
          fee: {
            amount: feeAmount,
            currency: order.total.currency,
            chargedTo: claim.fault === 'SELLER' ? 'SELLER' : 'MARKETPLACE',
          },
        }
      : {}),
    method: refundMethodFor(order.payment.method),
    status: 'PENDING',
    attempts: 1,
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
}

/**
 * The idempotency key every payment call of this refund attempt carries, on every retry: never paid
 * twice. A new attempt (an operator's, after the card side refused) gets a new key, since the
 * provider answers a repeated key with its first answer, the refusal.
 */
export const paymentKeyOf = (refund: Pick<Refund, 'refundId' | 'attempts'>) =>
  `refund:${refund.refundId}:a${refund.attempts}`;

/** The ledger entry of a balance refund: one per refund, whatever the attempt, so it is credited once. */
export const ledgerEntryIdOf = (refund: Pick<Refund, 'refundId'>) => `refund:${refund.refundId}`;

export function completeRefund(refund: Refund, now: Date): Refund {
  const { failure: _cleared, ...rest } = refund;
  return { ...rest, status: 'COMPLETED', completedAt: now.toISOString(), updatedAt: now.toISOString() };
}

export function failRefund(refund: Refund, failure: { error: string; cause: string }, now: Date): Refund {
  return { ...refund, status: 'FAILED', failure, failedAt: now.toISOString(), updatedAt: now.toISOString() };
}

/** An operator retries a failed refund: a new attempt, with its own payment key. */
export function retryRefund(refund: Refund, now: Date): Refund {
  if (refund.status !== 'FAILED') return refund;
  // A new attempt asks the card side afresh: the earlier attempt's reference is no longer its own.
  const { failure: _previous, failedAt: _at, providerReference: _reference, confirmedAt: _confirmed, ...rest } = refund;
  return {
    ...rest,
    status: 'PENDING',
    attempts: refund.attempts + 1,
    attemptStartedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/**
 * An operator records a card refund as settled at the provider, under the provider's reference:
 * COMPLETED, and no payment call is made for it again under any key (docs/PAYMENTS.md).
 */
export function settleOutside(refund: Refund, reference: string, by: { role: string; id: string }, now: Date): Refund {
  const at = now.toISOString();
  return {
    ...completeRefund({ ...refund, providerReference: reference, confirmedAt: at }, now),
    settledOutside: { reference, by, at },
  };
}

/** What the buyer gets back over all refunds of an order can never exceed what was paid. */
export function refundedTotal(refunds: Pick<Refund, 'amount' | 'status'>[]): number {
  return refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amount.amount, 0);
}
