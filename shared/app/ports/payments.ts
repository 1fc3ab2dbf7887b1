// The card side (the payment gateway) and the bank side of a withdrawal.

import type { BankAccount } from '../../domain/ledger.js';
import type { Money } from '../../domain/order.js';

export type PaymentFailure = 'DECLINED' | 'UNAVAILABLE';

export type CardCancellationState = 'PENDING' | 'CONFIRMED' | 'DECLINED';

/**
 * The payment provider, as far as refunds need it. This is the seam where a real provider plugs
 * in: implement these calls over its API (docs/PAYMENTS.md). Every call carries the idempotency key.
 */
export interface Payments {
  /** Asks the card side to cancel the authorization; it answers at once, and confirms later (by webhook). */
  cancelAuthorization(request: {
    idempotencyKey: string;
    orderNo: string;
    amount: Money;
  }): Promise<{ reference: string; state: CardCancellationState }>;
  /** What became of the cancellation under this key: UNKNOWN if the card side never received it. */
  authorizationCancellation(
    idempotencyKey: string,
  ): Promise<{ state: CardCancellationState | 'UNKNOWN'; reference?: string }>;
}

/** The bank side of a withdrawal from the buyer's balance. */
export interface BankTransfers {
  transfer(request: { idempotencyKey: string; amount: Money; account: BankAccount }): Promise<{ reference: string }>;
  /** What became of the transfer under this key: done, refused, or never received. */
  transferOutcome(idempotencyKey: string): Promise<{ state: 'COMPLETED' | 'DECLINED' | 'UNKNOWN'; reference?: string }>;
}
