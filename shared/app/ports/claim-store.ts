// The claim store: orders, claims, refunds, messages, the ledger and the waits' tokens, read per
// aggregate and changed together by one commit of writes (a DynamoDB transaction in AWS).

import type { Claim, ClaimStatus, ClaimType, SellerStanding } from '../../domain/claim.js';
import type { Balance, LedgerEntry, Withdrawal, WithdrawalStatus } from '../../domain/ledger.js';
import type { BuyerMessage } from '../../domain/message.js';
import type { Order, OrderStatus } from '../../domain/order.js';
import type { OrderCriteria } from '../../domain/order-search.js';
import type { Refund, RefundStatus } from '../../domain/refund.js';
import type { ChangeSet } from '../ports/change-set.js';
import type { Page, PageRequest } from './pages.js';

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
 * write succeeds only if the stored version is still that one, and stores version + 1. Orders,
 * claims, refunds and withdrawals say which status they had when read (`from`, null for a new
 * one): the store keeps the dashboard's counts and writes the integration events in the same
 * transaction (integration-events.ts).
 */
export type Write =
  | { entity: 'order'; value: Order; from: OrderStatus | null }
  | { entity: 'claim'; value: Claim; from: ClaimStatus | null }
  | { entity: 'refund'; value: Refund; from: RefundStatus | null }
  | { entity: 'message'; value: BuyerMessage }
  | { entity: 'balance'; value: Balance }
  | { entity: 'withdrawal'; value: Withdrawal; from: WithdrawalStatus | null }
  /** A cart belongs to the buyer of its first order: written with every order, refused for another buyer. */
  | { entity: 'cart'; value: Cart }
  /** Ledger entries and timeline events are only ever added. */
  | { entity: 'ledger'; value: LedgerEntry }
  | { entity: 'event'; value: TimelineEvent }
  /**
   * A waiting workflow's task token, kept apart from what it waits for (a claim or a refund, which
   * must be unchanged at `version`): no read of a claim or a refund can carry the token, and a
   * decision written meanwhile makes the wait's write fail. A claim's card refunds share one wait:
   * `together` names them all, on each.
   */
  | { entity: 'wait'; value: { waitFor: WaitFor; token: string; version: number; together?: RefundRef[] } };

/** A refund by its keys. */
export interface RefundRef {
  orderNo: string;
  refundId: string;
}

/** What a workflow waits on: a buyer's request for its decision, or a card refund for the card side. */
export type WaitFor = { claimId: string } | { orderNo: string; refundId: string };

/** One checkout's cart, and whose it is (docs/DOMAIN.md: a cart belongs to one buyer). */
export interface Cart {
  cartNo: string;
  buyerId: string;
}

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

export interface ClaimQuery {
  /** One seller's claims; every seller's when absent (operators). */
  sellerId?: string;
  status?: ClaimStatus;
  /** One type of claim only: a return request apart from a cancel request, both AWAITING_APPROVAL. */
  type?: ClaimType;
  /** Only delayed claims (open, and requested before `delayCutoff` or flagged), or only the others. */
  delayed?: boolean;
  /** Requested before this (ISO time), an open claim is delayed. */
  delayCutoff: string;
  /** Now (ISO time): every seller's list goes back two years from here, whatever page it is on. */
  asOf?: string;
  /** Requested within this period (ISO instants, inclusive; `to` may be a prefix of the last). */
  requested?: { from?: string; to?: string };
}

export interface OrderQuery {
  /** One seller's orders; every seller's when absent (operators, by order date only). */
  sellerId?: string;
  criteria: OrderCriteria;
  /** Now (ISO time): the effective status is read as of it. */
  asOf: string;
}

/** Counts by stored status, kept by the store as orders and claims change. */
export interface StatusCounts {
  orders: Partial<Record<OrderStatus, number>>;
  claims: Partial<Record<ClaimStatus, number>>;
  /** The seller's standing, in orders (domain/claim.ts, standingOf). */
  standing: SellerStanding;
}

/** An order, its cart and its records; orders listed by date, buyer or lateness. */
export interface OrderReads {
  getOrder(orderNo: string): Promise<Order | undefined>;
  getOrders(orderNos: string[]): Promise<Order[]>;
  ordersOfCart(cartNo: string): Promise<Order[]>;
  getCart(cartNo: string): Promise<Cart | undefined>;
  /** Orders in a period of one kind of date that match the criteria, newest first by that date. */
  searchOrders(query: OrderQuery, page: PageRequest): Promise<Page<Order>>;
  /** A buyer's orders, newest first. */
  buyerOrders(buyerId: string, page: PageRequest): Promise<Page<Order>>;
  /** A seller's unshipped orders whose expected ship date is before `today` (DELAYED whatever is stored). */
  overdueOrders(sellerId: string, today: string): Promise<Order[]>;
  orderRecords(orderNo: string): Promise<OrderRecords | undefined>;
}

/** Claims by id and in the sellers' and operator's lists, with their counts. */
export interface ClaimReads {
  getClaim(claimId: string): Promise<Claim | undefined>;
  getClaims(claimIds: string[]): Promise<Claim[]>;
  /** Claims by request date, newest first. */
  listClaims(query: ClaimQuery, page: PageRequest): Promise<Page<Claim>>;
  /** How many claims {@link listClaims} would list, for small sets (delayed, recent). */
  countClaims(query: ClaimQuery): Promise<number>;
  /** A seller's counts, or the whole marketplace's: one read, however many orders and claims. */
  statusCounts(sellerId?: string): Promise<StatusCounts>;
  /** Open claims (not COMPLETED, WITHDRAWN or FAILED) last changed before `changedBefore`, for the reconciler. */
  staleOpenClaims(changedBefore: string, page: PageRequest): Promise<Page<Claim>>;
}

/** What an order's claims moved: its messages and refunds, a buyer's balance and withdrawals. */
export interface LedgerReads {
  getMessage(orderNo: string, messageId: string): Promise<BuyerMessage | undefined>;
  getRefund(orderNo: string, refundId: string): Promise<Refund | undefined>;
  /** Every buyer's withdrawals the bank has not answered (PENDING), newest first. */
  pendingWithdrawals(page: PageRequest): Promise<Page<Withdrawal>>;
  /** The buyer's balance, every ledger entry and every withdrawal (an empty balance if none yet). */
  buyerLedger(buyerId: string): Promise<BuyerLedger>;
}

/** The task tokens of the waiting workflows, kept apart from what they wait for. */
export interface WaitReads {
  /** The task token of the workflow waiting on this, if one waits (written by a `wait` write). */
  waitToken(waitFor: WaitFor): Promise<string | undefined>;
  /** A card refund's wait: its token, and every refund the same wait is for. */
  refundWait(waitFor: RefundRef): Promise<{ token: string; together: RefundRef[] } | undefined>;
}

/** The claim store: every read port, and the one way to change anything. */
export interface ClaimStore extends OrderReads, ClaimReads, LedgerReads, WaitReads {
  /**
   * Writes the change all or nothing: its writes, its events (numbered within their partitions) and
   * its counter moves; throws {@link ConcurrentChangeError} if any entity changed since it was read.
   */
  commit(change: ChangeSet): Promise<void>;
}
