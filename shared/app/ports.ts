// What the use cases need from the outside world. Adapters in shared/aws implement these with the
// AWS SDK; tests implement them with fakes or the local stand-ins.

import type { Claim } from '../domain/claim.js';
import type { Balance, BankAccount, LedgerEntry, Withdrawal } from '../domain/ledger.js';
import type { BuyerMessage } from '../domain/message.js';
import type { Email } from '../domain/notices.js';
import type { Money, Order } from '../domain/order.js';
import type { Refund } from '../domain/refund.js';

export interface TimelineEvent {
  orderNo: string;
  at: string;
  type: string;
  actor: { role: string; id: string };
  claimId?: string;
  detail?: string;
}

/**
 * One entity to write. `value.version` is the version that was read (0 for a new entity): the
 * write succeeds only if the stored version is still that one, and stores version + 1.
 */
export type Write =
  | { entity: 'order'; value: Order }
  | { entity: 'claim'; value: Claim }
  | { entity: 'refund'; value: Refund }
  | { entity: 'message'; value: BuyerMessage }
  | { entity: 'balance'; value: Balance }
  | { entity: 'withdrawal'; value: Withdrawal }
  /** Ledger entries and timeline events are only ever added. */
  | { entity: 'ledger'; value: LedgerEntry }
  | { entity: 'event'; value: TimelineEvent };

export interface OrderRecords {
  order: Order;
  refunds: Refund[];
  messages: BuyerMessage[];
  timeline: TimelineEvent[];
}

export interface BuyerLedger {
  balance: Balance;
  entries: LedgerEntry[];
  withdrawals: Withdrawal[];
}

export interface ClaimStore {
  getOrder(orderNo: string): Promise<Order | undefined>;
  getOrders(orderNos: string[]): Promise<Order[]>;
  ordersOfCart(cartNo: string): Promise<Order[]>;
  ordersOfSeller(sellerId: string, range: { from?: string; to?: string }): Promise<Order[]>;
  orderRecords(orderNo: string): Promise<OrderRecords | undefined>;
  getClaim(claimId: string): Promise<Claim | undefined>;
  getClaims(claimIds: string[]): Promise<Claim[]>;
  /** A seller's claims, or every claim when no seller is given, newest first. */
  listClaims(sellerId?: string): Promise<Claim[]>;
  getMessage(orderNo: string, messageId: string): Promise<BuyerMessage | undefined>;
  getRefund(orderNo: string, refundId: string): Promise<Refund | undefined>;
  /** The buyer's balance, every ledger entry and every withdrawal (an empty balance if none yet). */
  buyerLedger(buyerId: string): Promise<BuyerLedger>;
  /** Writes all or nothing; throws {@link ConcurrentChangeError} if any entity changed since it was read. */
  commit(writes: Write[]): Promise<void>;
}

export class ConcurrentChangeError extends Error {
  override name = 'ConcurrentChangeError';
}

export interface Mailer {
  /** Throws {@link MailError}; `retryable` says whether trying again later may succeed. */
  send(to: string, email: Email): Promise<{ messageId: string }>;
}

export class MailError extends Error {
  override name = 'MailError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface Workflows {
  /**
   * Starts the claim workflow. The execution is named after the claim (and the operator's run, when
   * an operator resumes it), so starting the same run twice is harmless.
   */
  startClaim(claimId: string, run?: number): Promise<void>;
  /** Starts the approval workflow of a buyer's request, with how long it waits before reminding and before handing over. */
  startApproval(claimId: string, timing: ApprovalTiming): Promise<void>;
  /**
   * Wakes a waiting approval with the decision. `CLOSED` when the token no longer waits (timed out,
   * or answered): harmless, since the decision itself is the claim's, written before.
   */
  sendDecision(taskToken: string, decision: Decision): Promise<'DELIVERED' | 'CLOSED'>;
}

export type Decision = 'APPROVED' | 'WITHDRAWN';

export interface ApprovalTiming {
  /** The guide's 4 days: then the claim is flagged delayed and the seller reminded. */
  reminderAfterSeconds: number;
  /** Then, with still no decision, it goes to the operator. */
  handOverAfterSeconds: number;
}

export type PaymentFailure = 'DECLINED' | 'UNAVAILABLE';

/**
 * A payment provider refused (`DECLINED`: final) or did not answer in time (`UNAVAILABLE`: try
 * again with the same idempotency key, which the provider honours, so nothing is paid twice).
 */
export class PaymentError extends Error {
  override name = 'PaymentError';
  constructor(
    message: string,
    readonly failure: PaymentFailure,
  ) {
    super(message);
  }
}

export type CardCancellationState = 'PENDING' | 'CONFIRMED' | 'DECLINED';

/**
 * The payment provider, as far as refunds need it. This is the seam where a real provider plugs
 * in: implement these calls over its API (docs/PAYMENTS.md). Every call carries the idempotency key.
 */
export interface Payments {
  /** Asks the card side to cancel the authorization; it answers at once, and confirms later. */
  cancelAuthorization(request: { idempotencyKey: string; orderNo: string; amount: Money }): Promise<{ reference: string; state: CardCancellationState }>;
  authorizationCancellation(reference: string): Promise<{ state: CardCancellationState }>;
}

/** The bank side of a withdrawal from the buyer's balance. */
export interface BankTransfers {
  transfer(request: { idempotencyKey: string; amount: Money; account: BankAccount }): Promise<{ reference: string }>;
}
