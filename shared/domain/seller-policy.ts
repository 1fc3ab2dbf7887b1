// Orders the seller cannot cancel or refund alone (the guide's FAQ): coupon conditions or the
// payment method make the attempt fail, and the case goes to the operator. Which methods is the
// marketplace's configuration; coupon terms come with the order.

import type { Order, PaymentMethod } from './order.js';

export interface SellerCancelPolicy {
  /** Payment methods whose orders only an operator may cancel or refund. */
  operatorOnlyPaymentMethods: PaymentMethod[];
}

export const DEFAULT_SELLER_CANCEL_POLICY: SellerCancelPolicy = { operatorOnlyPaymentMethods: [] };

/** Why the seller cannot cancel this order alone, or undefined if it can. */
export function sellerCancelBlockedBy(
  order: Pick<Order, 'coupon' | 'payment'>,
  policy: SellerCancelPolicy,
): string | undefined {
  if (order.coupon && !order.coupon.sellerCancellable) {
    return `The coupon ${order.coupon.code} on this order does not allow a cancellation by the seller.`;
  }
  if (policy.operatorOnlyPaymentMethods.includes(order.payment.method)) {
    return `Orders paid by ${order.payment.method} can only be cancelled by the operator.`;
  }
  return undefined;
}
