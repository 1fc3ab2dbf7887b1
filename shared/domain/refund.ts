// Refund rules (DOMAIN.md, "Refunds" and the fee note of flow 1).

import type { Fault } from './reasons.js';
import type { Money, Order, PaymentMethod } from './order.js';

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
  buyerId: string;
  /** What the buyer gets back: always the full total. */
  amount: Money;
  fee?: RefundFee;
  method: RefundMethod;
  status: RefundStatus;
  createdAt: string;
  completedAt?: string;
  updatedAt: string;
  version: number;
}

/** Card payments are refunded by cancelling the authorization; cash goes to the buyer's balance (My Qoo10 정산금). */
export function refundMethodFor(payment: PaymentMethod): RefundMethod {
  return payment === 'CARD' ? 'CARD_AUTHORIZATION_CANCEL' : 'BALANCE_CREDIT';
}

export function planRefund(
  order: Order,
  claim: { claimId: string; fault: Fault },
  fees: RefundFeeTable,
  now: Date,
): Refund {
  const feeAmount = fees[order.payment.method];
  const at = now.toISOString();
  return {
    // One refund per order and claim: the key itself forbids paying a claim twice.
    refundId: `${claim.claimId}.${order.orderNo}`,
    claimId: claim.claimId,
    orderNo: order.orderNo,
    buyerId: order.buyer.id,
    amount: { ...order.total },
    ...(feeAmount
      ? { fee: { amount: feeAmount, currency: order.total.currency, chargedTo: claim.fault === 'SELLER' ? 'SELLER' : 'MARKETPLACE' } }
      : {}),
    method: refundMethodFor(order.payment.method),
    status: 'PENDING',
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
}
