// Cancellation reasons (취소 사유) and whose fault each is (docs/DOMAIN.md, "Cancellation reasons and fault").

export const SELLER_FAULT_REASONS = ['OUT_OF_STOCK', 'SHIPPING_DELAY', 'UNDELIVERABLE_AREA'] as const;
export const BUYER_FAULT_REASONS = ['BUYER_CHANGED_MIND', 'OPTION_CHANGE'] as const;
export const CANCEL_REASONS = [...SELLER_FAULT_REASONS, ...BUYER_FAULT_REASONS] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const FAULTS = ['SELLER', 'BUYER'] as const;
export type Fault = (typeof FAULTS)[number];

/** The only reason the guide allows for a refund after shipping. */
export const REFUND_AFTER_SHIPPING_REASON = 'SHIPPING_DELAY' satisfies CancelReason;

export function faultOf(reason: CancelReason): Fault {
  return (BUYER_FAULT_REASONS as readonly string[]).includes(reason) ? 'BUYER' : 'SELLER';
}
