// What the use cases need from the outside world. Adapters in shared/adapters implement these with the
// AWS SDK; tests implement them with fakes or the local stand-ins.

import type { BulkCancellation, BulkChunk, BulkStatus } from '../domain/bulk.js';
import type { Claim, ClaimStatus, SellerStanding } from '../domain/claim.js';
import type { Balance, BankAccount, LedgerEntry, Withdrawal, WithdrawalStatus } from '../domain/ledger.js';
import type { BuyerMessage } from '../domain/message.js';
import type { Email } from '../domain/notices.js';
import type { Money, Order, OrderStatus } from '../domain/order.js';
import type { OrderCriteria } from '../domain/order-search.js';
import type { Refund, RefundStatus } from '../domain/refund.js';
import type { ChangeSet, UnnumberedEvent } from './ports/change-set.js';

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

/** One page of a list, newest first, and the opaque cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  /** 1 to 100. */
  limit: number;
  cursor?: string;
}

/** A cursor that was not made by this store: the client's mistake (400). */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

export interface ClaimQuery {
  /** One seller's claims; every seller's when absent (operators). */
  sellerId?: string;
  status?: ClaimStatus;
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

export interface ClaimStore {
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
  getMessage(orderNo: string, messageId: string): Promise<BuyerMessage | undefined>;
  getRefund(orderNo: string, refundId: string): Promise<Refund | undefined>;
  /** Every buyer's withdrawals the bank has not answered (PENDING), newest first. */
  pendingWithdrawals(page: PageRequest): Promise<Page<Withdrawal>>;
  /** The buyer's balance, every ledger entry and every withdrawal (an empty balance if none yet). */
  buyerLedger(buyerId: string): Promise<BuyerLedger>;
  /** The task token of the workflow waiting on this, if one waits (written by a `wait` write). */
  waitToken(waitFor: WaitFor): Promise<string | undefined>;
  /** A card refund's wait: its token, and every refund the same wait is for. */
  refundWait(waitFor: RefundRef): Promise<{ token: string; together: RefundRef[] } | undefined>;
  /**
   * Writes the change all or nothing: its writes, its events (numbered within their partitions) and
   * its counter moves; throws {@link ConcurrentChangeError} if any entity changed since it was read.
   */
  commit(change: ChangeSet): Promise<void>;
}

export interface BulkQuery {
  /** One seller's jobs; every seller's when absent (operators). */
  sellerId?: string;
  status?: BulkStatus;
}

/**
 * Bulk cancellations: the job (its status and counts, read alone for progress) and its lines in
 * chunks. Every write is checked against the version read, as in {@link ClaimStore.commit}.
 */
export interface BulkStore {
  /** A new job with all its lines; the job is written last, so a job that exists has every line. */
  createBulk(job: BulkCancellation, chunks: BulkChunk[], events: UnnumberedEvent[]): Promise<void>;
  getBulk(bulkId: string): Promise<BulkCancellation | undefined>;
  /** Chunks `from` to `from + count - 1` (those that exist), in order. */
  getChunks(bulkId: string, from: number, count: number): Promise<BulkChunk[]>;
  /** Jobs by creation, newest first. */
  listBulks(query: BulkQuery, page: PageRequest): Promise<Page<BulkCancellation>>;
  /** Jobs waiting for an operator's approval (the operator's queue and counts). */
  countAwaitingApproval(sellerId?: string): Promise<number>;
  /**
   * The job, and a chunk with it, all or nothing; throws {@link ConcurrentChangeError} if either
   * changed since read; `events` are what the change publishes (bulkEvents).
   */
  saveBulk(job: BulkCancellation, events: UnnumberedEvent[], chunk?: BulkChunk): Promise<void>;
  /** Keeps the approval wait's task token beside the job, whose version goes up with it (like a `wait` write). */
  saveBulkWait(job: BulkCancellation, token: string): Promise<void>;
  bulkWaitToken(bulkId: string): Promise<string | undefined>;
}

export class ConcurrentChangeError extends Error {
  override name = 'ConcurrentChangeError';
}

/** Which buyer message an e-mail carries, so that its bounce or complaint finds its way back. */
export interface MailTags {
  orderNo: string;
  messageId: string;
}

export interface Mailer {
  /** Throws {@link MailError}; `retryable` says whether trying again later may succeed. */
  send(to: string, email: Email, tags?: MailTags): Promise<{ messageId: string }>;
}

export class MailError extends Error {
  override name = 'MailError';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** SES refused it for the account's sending quotas (rate or day): to be sent again later, not given up. */
    readonly throttled = false,
  ) {
    super(message);
  }
}

/** What the account allows, read when work is paced (SES's GetSendQuota, Lambda's GetAccountSettings). */
export interface AccountLimits {
  sendQuota(): Promise<{ maxSendRate: number; max24HourSend: number; sentLast24Hours: number }>;
  /** Concurrent executions the account's functions share (unreserved). */
  concurrency(): Promise<number>;
}

/** One execution of a workflow, by its deterministic name. */
export interface WorkflowRun {
  workflow: 'settleClaim' | 'approveCancelRequest' | 'bulkCancellation';
  name: string;
}

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'MISSING';

export interface Workflows {
  /** Starts the run; a run of that name already started (running or not) is left as it is. */
  start(run: WorkflowRun, input: Record<string, unknown>): Promise<void>;
  /** Whether the run is going, ended, or was never started. */
  status(run: WorkflowRun): Promise<RunStatus>;
  /**
   * Finishes a waiting task with its output, or fails it with an error the state machine can
   * catch. `CLOSED` when the token no longer waits (timed out, or answered): harmless, since what
   * it carries (a decision, a payment outcome) was written to the store before.
   */
  wake(taskToken: string, outcome: WaitOutcome): Promise<'DELIVERED' | 'CLOSED'>;
}

export type WaitOutcome = { output: Record<string, unknown> } | { error: string; cause: string };

export interface ApprovalTiming {
  /** The guide's 4 days: then the claim is flagged delayed and the seller reminded. */
  reminderAfterSeconds: number;
  /** Then, with still no decision, it goes to the operator. */
  handOverAfterSeconds: number;
}

export type PaymentFailure = 'DECLINED' | 'UNAVAILABLE';

/** Step Functions did not take a wake (throttled, or failing after the SDK's own retries): the step is retried. */
export class WorkflowUnavailableError extends Error {
  override name = 'WorkflowUnavailable';
}

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
  /** Asks the card side to cancel the authorization; it answers at once, and confirms later (by webhook). */
  cancelAuthorization(request: { idempotencyKey: string; orderNo: string; amount: Money }): Promise<{ reference: string; state: CardCancellationState }>;
  /** What became of the cancellation under this key: UNKNOWN if the card side never received it. */
  authorizationCancellation(idempotencyKey: string): Promise<{ state: CardCancellationState | 'UNKNOWN'; reference?: string }>;
}

/** The bank side of a withdrawal from the buyer's balance. */
export interface BankTransfers {
  transfer(request: { idempotencyKey: string; amount: Money; account: BankAccount }): Promise<{ reference: string }>;
  /** What became of the transfer under this key: done, refused, or never received. */
  transferOutcome(idempotencyKey: string): Promise<{ state: 'COMPLETED' | 'DECLINED' | 'UNKNOWN'; reference?: string }>;
}
