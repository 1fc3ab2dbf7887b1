// What the use cases need from the outside world. Adapters in shared/aws implement these with the
// AWS SDK; tests implement them with fakes or the local stand-ins.

import type { Claim } from '../domain/claim.js';
import type { BuyerMessage } from '../domain/message.js';
import type { Email } from '../domain/notices.js';
import type { Order } from '../domain/order.js';
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
  | { entity: 'event'; value: TimelineEvent };

export interface OrderRecords {
  order: Order;
  refunds: Refund[];
  messages: BuyerMessage[];
  timeline: TimelineEvent[];
}

export interface ClaimStore {
  getOrder(orderNo: string): Promise<Order | undefined>;
  getOrders(orderNos: string[]): Promise<Order[]>;
  ordersOfCart(cartNo: string): Promise<Order[]>;
  ordersOfSeller(sellerId: string, range: { from?: string; to?: string }): Promise<Order[]>;
  orderRecords(orderNo: string): Promise<OrderRecords | undefined>;
  getClaim(claimId: string): Promise<Claim | undefined>;
  getClaims(claimIds: string[]): Promise<Claim[]>;
  getMessage(orderNo: string, messageId: string): Promise<BuyerMessage | undefined>;
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
  /** Starts the cancel workflow for a claim; starting it twice for the same claim is harmless. */
  startCancellation(claimId: string): Promise<void>;
}
