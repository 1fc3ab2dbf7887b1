// In-memory fakes of the ports, for testing use cases without AWS: a store whose commit checks
// versions and conditions as DynamoDB's transactions do (a contract suite keeps it honest against
// the DynamoDB store), and recording fakes of the mailer, the workflows and the payment provider.
// The DynamoDB store's cursor format and transaction limit, so that the fake's pages and refusals are the same.
import { decodeCursor, encodeCursor, MAX_TRANSACTION_ITEMS } from '../../shared/adapters/dynamo-items.js';
import { countsFrom, numbered, type ChangeSet, type IntegrationEvent } from '../../shared/app/ports/change-set.js';
import { OPEN_CLAIM_STATUSES, CLOSED_CLAIM_STATUSES, type Claim } from '../../shared/domain/claim.js';
import { emptyBalance, type Balance, type LedgerEntry, type Withdrawal } from '../../shared/domain/ledger.js';
import type { BuyerMessage } from '../../shared/domain/message.js';
import type { Email } from '../../shared/domain/notices.js';
import { isUnshipped, type Order } from '../../shared/domain/order.js';
import { dateSortKey, matchesCriteria, SORT_PREFIX } from '../../shared/domain/order-search.js';
import type { Refund } from '../../shared/domain/refund.js';
import type {
  BuyerLedger,
  Cart,
  ClaimQuery,
  ClaimStore,
  RefundRef,
  WaitFor,
  OrderQuery,
  OrderRecords,
  StatusCounts,
  TimelineEvent,
  Write,
} from '../../shared/app/ports/claim-store.js';
import type { Mailer, MailTags } from '../../shared/app/ports/mailer.js';
import type { Page, PageRequest } from '../../shared/app/ports/pages.js';
import type { BankTransfers, CardCancellationState, Payments } from '../../shared/app/ports/payments.js';
import {
  ConcurrentChangeError,
  MailError,
  PaymentError,
  WorkflowUnavailableError,
} from '../../shared/app/ports/port-errors.js';
import type { WaitOutcome, RunStatus, WorkflowRun, Workflows } from '../../shared/app/ports/workflows.js';

const copy = <T>(value: T): T => structuredClone(value);

/**
 * Withdrawals by `<buyerId>/<withdrawalId>`, as the DynamoDB store keys them (in the buyer's
 * partition); `get` and `has` also take a bare withdrawal id, as this map's users did before.
 */
class WithdrawalMap extends Map<string, Withdrawal> {
  override get(key: string): Withdrawal | undefined {
    return super.get(key) ?? (key.includes('/') ? undefined : [...super.values()].find((w) => w.withdrawalId === key));
  }
  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

/** The newest page after the cursor, by a sort key; the next cursor when more remain. */
function pageOf<T>(items: T[], sortKey: (item: T) => string, page: PageRequest, prefix: string): Page<T> {
  const after = decodeCursor(page.cursor, prefix);
  const sorted = items
    .map((item) => ({ item, key: sortKey(item) }))
    .filter(({ key }) => after === undefined || key < after)
    .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  const taken = sorted.slice(0, page.limit);
  return {
    items: taken.map(({ item }) => copy(item)),
    nextCursor: sorted.length > page.limit && taken.length > 0 ? encodeCursor(taken.at(-1)!.key) : null,
  };
}

export class FakeClaimStore implements ClaimStore {
  readonly orders = new Map<string, Order>();
  readonly claims = new Map<string, Claim>();
  readonly refunds = new Map<string, Refund>();
  readonly messages = new Map<string, BuyerMessage>();
  readonly events: TimelineEvent[] = [];
  readonly balances = new Map<string, Balance>();
  readonly ledger = new Map<string, LedgerEntry>();
  readonly withdrawals: Map<string, Withdrawal> = new WithdrawalMap();
  readonly carts = new Map<string, Cart>();
  readonly counters = new Map<string, Map<string, number>>();
  /** Every committed transaction, for assertions on how many writes a use case makes. */
  readonly commits: Write[][] = [];
  /** Task tokens by what they wait for: never on a claim or a refund. */
  readonly waits = new Map<string, string>();
  /** The integration events of every commit, numbered in their partitions, as the outbox holds them. */
  readonly published: IntegrationEvent[] = [];

  /** Which refunds each refund's wait is for, beside its token. */
  readonly waitsTogether = new Map<string, RefundRef[]>();

  async waitToken(waitFor: WaitFor): Promise<string | undefined> {
    return this.waits.get(waitKey(waitFor));
  }

  async refundWait({ orderNo, refundId }: RefundRef): Promise<{ token: string; together: RefundRef[] } | undefined> {
    const key = waitKey({ orderNo, refundId });
    const token = this.waits.get(key);
    return token === undefined
      ? undefined
      : { token, together: copy(this.waitsTogether.get(key) ?? [{ orderNo, refundId }]) };
  }
  /** Called before each commit is checked: lets a test race a commit against another change. */
  beforeCommit?: (writes: Write[]) => void | Promise<void>;

  async getOrder(orderNo: string) {
    const order = this.orders.get(orderNo);
    return order && copy(order);
  }

  async getOrders(orderNos: string[]) {
    return [...new Set(orderNos)].flatMap((orderNo) =>
      this.orders.has(orderNo) ? [copy(this.orders.get(orderNo)!)] : [],
    );
  }

  async ordersOfCart(cartNo: string) {
    return [...this.orders.values()].filter((order) => order.cartNo === cartNo).map(copy);
  }

  async getCart(cartNo: string) {
    const cart = this.carts.get(cartNo);
    return cart && copy(cart);
  }

  async searchOrders(query: OrderQuery, page: PageRequest) {
    const { criteria } = query;
    if (!query.sellerId && criteria.dateType !== 'ORDERED')
      throw new Error(`An order search by ${criteria.dateType} date names a seller.`);
    const asOf = new Date(query.asOf);
    const matching = [...this.orders.values()].filter(
      (order) => (!query.sellerId || order.sellerId === query.sellerId) && matchesCriteria(order, criteria, asOf),
    );
    return pageOf(matching, (order) => dateSortKey(order, criteria.dateType)!, page, SORT_PREFIX[criteria.dateType]);
  }

  async buyerOrders(buyerId: string, page: PageRequest) {
    const mine = [...this.orders.values()].filter((order) => order.buyer.id === buyerId);
    return pageOf(mine, (order) => `ORDER#${order.orderedAt}#${order.orderNo}`, page, 'ORDER#');
  }

  async overdueOrders(sellerId: string, today: string) {
    // By ship date, then order number: the order of the DynamoDB store's index.
    return [...this.orders.values()]
      .filter(
        (order) =>
          order.sellerId === sellerId &&
          isUnshipped(order.status) &&
          order.expectedShipDate !== undefined &&
          order.expectedShipDate < today,
      )
      .sort(byKey((order) => `${order.expectedShipDate}#${order.orderNo}`))
      .map(copy);
  }

  async orderRecords(orderNo: string): Promise<OrderRecords | undefined> {
    const order = this.orders.get(orderNo);
    if (!order) return undefined;
    // In the DynamoDB store's order: refunds and messages by id, the timeline by time.
    return {
      order: copy(order),
      refunds: [...this.refunds.values()]
        .filter((r) => r.orderNo === orderNo)
        .sort(byKey((r) => r.refundId))
        .map(copy),
      messages: [...this.messages.values()]
        .filter((m) => m.orderNo === orderNo)
        .sort(byKey((m) => m.messageId))
        .map(copy),
      timeline: this.events
        .filter((e) => e.orderNo === orderNo)
        .sort(byKey((e) => e.at))
        .map(copy),
    };
  }

  async getClaim(claimId: string) {
    const claim = this.claims.get(claimId);
    return claim && copy(claim);
  }

  async getClaims(claimIds: string[]) {
    return [...new Set(claimIds)].flatMap((claimId) =>
      this.claims.has(claimId) ? [copy(this.claims.get(claimId)!)] : [],
    );
  }

  private matching(query: ClaimQuery) {
    const late = (claim: Claim) =>
      OPEN_CLAIM_STATUSES.includes(claim.status) &&
      (claim.requestedAt < query.delayCutoff || claim.delayedAt !== undefined);
    const { from = '', to } = query.requested ?? {};
    return [...this.claims.values()].filter(
      (claim) =>
        (!query.sellerId || claim.sellerId === query.sellerId) &&
        (!query.status || claim.status === query.status) &&
        (!query.type || claim.type === query.type) &&
        (query.delayed === undefined || late(claim) === query.delayed) &&
        claim.requestedAt >= from &&
        (to === undefined || claim.requestedAt <= `${to}\uffff`),
    );
  }

  async listClaims(query: ClaimQuery, page: PageRequest) {
    let claims = this.matching(query);
    // Every seller's list, but for the open claims of one status, reads the months two years back from now
    // (docs/STORAGE.md).
    if (!query.sellerId && query.delayed !== true && (!query.status || CLOSED_CLAIM_STATUSES.includes(query.status))) {
      const current = (query.asOf ?? new Date().toISOString()).slice(0, 7);
      const oldest = new Date(Date.parse(`${current}-01T00:00:00Z`) - 730 * 24 * 3600_000).toISOString().slice(0, 7);
      claims = claims.filter(
        (claim) => claim.requestedAt.slice(0, 7) >= oldest && claim.requestedAt.slice(0, 7) <= current,
      );
    }
    return pageOf(claims, (claim) => `CLAIM#${claim.requestedAt}#${claim.claimId}`, page, 'CLAIM#');
  }

  async countClaims(query: ClaimQuery) {
    return this.matching(query).length;
  }

  async statusCounts(sellerId?: string): Promise<StatusCounts> {
    return countsFrom(this.counters.get(sellerId ? `SELLER#${sellerId}` : 'ALL') ?? []);
  }

  async staleOpenClaims(changedBefore: string, page: PageRequest) {
    const stale = [...this.claims.values()].filter(
      (claim) => !CLOSED_CLAIM_STATUSES.includes(claim.status) && claim.updatedAt < changedBefore,
    );
    return pageOf(stale, (claim) => `CLAIM#${claim.requestedAt}#${claim.claimId}`, page, 'CLAIM#');
  }

  async getMessage(orderNo: string, messageId: string) {
    const message = this.messages.get(`${orderNo}/${messageId}`);
    return message && copy(message);
  }

  async getRefund(orderNo: string, refundId: string) {
    const refund = this.refunds.get(`${orderNo}/${refundId}`);
    return refund && copy(refund);
  }

  async pendingWithdrawals(page: PageRequest) {
    const pending = [...this.withdrawals.values()].filter((w) => w.status === 'PENDING');
    return pageOf(pending, (w) => `WITHDRAWAL#${w.requestedAt}#${w.withdrawalId}`, page, 'WITHDRAWAL#');
  }

  async buyerLedger(buyerId: string): Promise<BuyerLedger> {
    return {
      balance: copy(this.balances.get(buyerId) ?? emptyBalance(buyerId)),
      // By time; at the same time by id, as the DynamoDB store reads them from the buyer's partition.
      entries: [...this.ledger.values()]
        .filter((e) => e.buyerId === buyerId)
        .sort(byKey((e) => e.entryId))
        .sort(byKey((e) => e.at))
        .map(copy),
      withdrawals: [...this.withdrawals.values()]
        .filter((w) => w.buyerId === buyerId)
        .sort(byKey((w) => w.withdrawalId))
        .sort(byKey((w) => w.requestedAt))
        .map(copy),
    };
  }

  /** Where each versioned entity lives, and its key there. */
  private slot(write: Write): { map: Map<string, { version: number }>; key: string } | undefined {
    switch (write.entity) {
      case 'order':
        return { map: this.orders, key: write.value.orderNo };
      case 'claim':
        return { map: this.claims, key: write.value.claimId };
      case 'refund':
        return { map: this.refunds, key: `${write.value.orderNo}/${write.value.refundId}` };
      case 'message':
        return { map: this.messages, key: `${write.value.orderNo}/${write.value.messageId}` };
      case 'balance':
        return { map: this.balances as Map<string, { version: number }>, key: write.value.buyerId };
      case 'withdrawal':
        return { map: this.withdrawals, key: `${write.value.buyerId}/${write.value.withdrawalId}` };
      case 'wait': {
        // A token's write is checked against the version of what it waits for.
        const { waitFor } = write.value;
        return 'claimId' in waitFor
          ? { map: this.claims, key: waitFor.claimId }
          : { map: this.refunds, key: `${waitFor.orderNo}/${waitFor.refundId}` };
      }
      default:
        return undefined;
    }
  }

  async commit(change: ChangeSet): Promise<void> {
    const { writes, events, counterMoves: counts } = change;
    if (writes.length === 0) return;
    await this.beforeCommit?.(writes);
    // Counted as DynamoDB counts the items of the transaction: a wait is two (the token and the
    // check of its owner's version), each scope whose counts change is one more, and each event one more.
    const items = writes.length + writes.filter((w) => w.entity === 'wait').length + counts.size + events.length;
    if (items > MAX_TRANSACTION_ITEMS)
      throw new Error(`A transaction of ${items} items exceeds DynamoDB's ${MAX_TRANSACTION_ITEMS}`);
    // DynamoDB refuses a transaction that names one item twice (ValidationException), before any condition.
    const named = new Set<string>();
    for (const write of writes) {
      for (const item of itemsOf(write)) {
        if (named.has(item))
          throw new Error(`Transaction request cannot include multiple operations on one item (${item})`);
        named.add(item);
      }
    }
    // Check every condition first: all or nothing.
    for (const write of writes) {
      const slot = this.slot(write);
      if (write.entity === 'wait') {
        // The owner's version must be the one read: there is no "new" owner for a token.
        if (slot!.map.get(slot!.key)?.version !== write.value.version)
          throw new ConcurrentChangeError(`Changed since read: ${slot!.key}`);
      } else if (slot) {
        const stored = slot.map.get(slot.key);
        const read = (write.value as { version: number }).version;
        if (read === 0 ? stored !== undefined : stored?.version !== read)
          throw new ConcurrentChangeError(`Changed since read: ${write.entity} ${slot.key}`);
      } else if (write.entity === 'ledger' && this.ledger.has(`${write.value.buyerId}/${write.value.entryId}`)) {
        throw new ConcurrentChangeError(`Changed since read: ledger ${write.value.entryId}`);
      } else if (write.entity === 'cart') {
        const cart = this.carts.get(write.value.cartNo);
        if (cart && cart.buyerId !== write.value.buyerId)
          throw new ConcurrentChangeError(`Changed since read: cart ${write.value.cartNo}`);
      }
    }
    for (const write of writes) {
      const slot = this.slot(write);
      if (write.entity === 'wait') {
        this.waits.set(waitKey(write.value.waitFor), write.value.token);
        if (write.value.together) this.waitsTogether.set(waitKey(write.value.waitFor), copy(write.value.together));
        else this.waitsTogether.delete(waitKey(write.value.waitFor));
      } else if (slot)
        slot.map.set(slot.key, { ...copy(write.value), version: (write.value as { version: number }).version + 1 });
      else if (write.entity === 'ledger')
        this.ledger.set(`${write.value.buyerId}/${write.value.entryId}`, copy(write.value));
      else if (write.entity === 'event') this.events.push(copy(write.value));
      else if (write.entity === 'cart') this.carts.set(write.value.cartNo, copy(write.value));
    }
    for (const [scope, changes] of counts) {
      const stored = this.counters.get(scope) ?? new Map<string, number>();
      for (const [name, delta] of changes) stored.set(name, (stored.get(name) ?? 0) + delta);
      this.counters.set(scope, stored);
    }
    this.published.push(
      ...numbered(events, (partition) => this.published.filter((e) => e.partitionkey === partition).length),
    );
    this.commits.push(copy(writes));
  }
}

/** The stored items a write touches, named as the DynamoDB store keys them. */
function itemsOf(write: Write): string[] {
  switch (write.entity) {
    case 'order':
      return [`ORDER#${write.value.orderNo}|ORDER`];
    case 'claim':
      return [`CLAIM#${write.value.claimId}|CLAIM`];
    case 'refund':
      return [`ORDER#${write.value.orderNo}|REFUND#${write.value.refundId}`];
    case 'message':
      return [`ORDER#${write.value.orderNo}|MESSAGE#${write.value.messageId}`];
    case 'balance':
      return [`BUYER#${write.value.buyerId}|BALANCE`];
    case 'withdrawal':
      return [`BUYER#${write.value.buyerId}|WITHDRAWAL#${write.value.withdrawalId}`];
    case 'ledger':
      return [`BUYER#${write.value.buyerId}|LEDGER#${write.value.entryId}`];
    case 'cart':
      return [`CART#${write.value.cartNo}|CART`];
    case 'event':
      // Each event is an item of its own (its key has a random tail).
      return [];
    case 'wait': {
      const { waitFor } = write.value;
      return 'claimId' in waitFor
        ? [`CLAIM#${waitFor.claimId}|WAIT`, `CLAIM#${waitFor.claimId}|CLAIM`]
        : [`ORDER#${waitFor.orderNo}|WAIT#${waitFor.refundId}`, `ORDER#${waitFor.orderNo}|REFUND#${waitFor.refundId}`];
    }
  }
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

const waitKey = (waitFor: WaitFor) =>
  'claimId' in waitFor ? `claim/${waitFor.claimId}` : `refund/${waitFor.orderNo}/${waitFor.refundId}`;

/** A mailer that records what it sends, and fails as it is told to. */
export class FakeMailer implements Mailer {
  readonly sent: { to: string; email: Email; tags?: MailTags }[] = [];
  private failures: { to?: string; retryable: boolean; throttled: boolean; count: number; message: string }[] = [];

  /** `throttled`: SES refused it for the account's sending quotas (Throttling), which may be tried again later. */
  failNext(
    count: number,
    options: { to?: string; retryable?: boolean; message?: string; throttled?: boolean } = {},
  ): void {
    this.failures.push({
      count,
      retryable: options.retryable ?? options.throttled ?? false,
      throttled: options.throttled ?? false,
      message: options.message ?? 'SES MessageRejected: refused',
      ...(options.to ? { to: options.to } : {}),
    });
  }

  async send(to: string, email: Email, tags?: MailTags) {
    const failure = this.failures.find((f) => !f.to || f.to === to);
    if (failure) {
      if (--failure.count <= 0) this.failures = this.failures.filter((f) => f !== failure);
      throw new MailError(failure.message, failure.retryable, failure.throttled);
    }
    this.sent.push({ to, email, ...(tags ? { tags } : {}) });
    return { messageId: `ses-${this.sent.length}` };
  }
}

/** Workflows that record what was started and answer what a test says of each run. */
export class FakeWorkflows implements Workflows {
  readonly started: { run: WorkflowRun; input: Record<string, unknown> }[] = [];
  readonly wakes: { taskToken: string; outcome: WaitOutcome }[] = [];
  readonly statuses = new Map<string, RunStatus>();
  failStarts = 0;
  openTokens = new Set<string>();

  async start(run: WorkflowRun, input: Record<string, unknown>) {
    if (this.failStarts > 0) {
      this.failStarts--;
      throw new Error('ThrottlingException: Rate exceeded');
    }
    if (!this.statuses.has(run.name)) this.statuses.set(run.name, 'RUNNING');
    this.started.push({ run, input });
  }

  async status(run: WorkflowRun) {
    return this.statuses.get(run.name) ?? 'MISSING';
  }

  /** How many wakes Step Functions does not take next (throttled past the SDK's retries). */
  failWakes = 0;

  async wake(taskToken: string, outcome: WaitOutcome) {
    if (this.failWakes > 0) {
      this.failWakes--;
      throw new WorkflowUnavailableError('Step Functions did not take the wake: ThrottlingException: Rate exceeded');
    }
    this.wakes.push({ taskToken, outcome });
    return this.openTokens.delete(taskToken) ? ('DELIVERED' as const) : ('CLOSED' as const);
  }
}

/** A payment provider that answers as it is told to, honouring idempotency keys. */
export class FakePayments implements Payments, BankTransfers {
  readonly calls: { kind: string; key?: string; reference?: string }[] = [];
  readonly byKey = new Map<string, { reference: string; state: CardCancellationState }>();
  next: ('DECLINED' | 'UNAVAILABLE' | 'CONFIRMED' | 'PENDING')[] = [];
  confirmations = new Map<string, CardCancellationState>();

  async cancelAuthorization(request: { idempotencyKey: string }) {
    this.calls.push({ kind: 'cancel', key: request.idempotencyKey });
    const known = this.byKey.get(request.idempotencyKey);
    if (known) return known;
    const answer = this.next.shift() ?? 'PENDING';
    if (answer === 'UNAVAILABLE') throw new PaymentError('no answer', 'UNAVAILABLE');
    if (answer === 'DECLINED') throw new PaymentError('declined', 'DECLINED');
    const result = { reference: `AC-${this.byKey.size + 1}`, state: answer as CardCancellationState };
    this.byKey.set(request.idempotencyKey, result);
    return result;
  }

  async authorizationCancellation(idempotencyKey: string) {
    this.calls.push({ kind: 'check', key: idempotencyKey });
    const known = this.byKey.get(idempotencyKey);
    if (!known) return { state: 'UNKNOWN' as const };
    return { reference: known.reference, state: this.confirmations.get(known.reference) ?? ('CONFIRMED' as const) };
  }

  async transfer(request: { idempotencyKey: string }) {
    this.calls.push({ kind: 'transfer', key: request.idempotencyKey });
    return { reference: `BT-${request.idempotencyKey}` };
  }

  async transferOutcome(idempotencyKey: string) {
    return this.calls.some((c) => c.kind === 'transfer' && c.key === idempotencyKey)
      ? { state: 'COMPLETED' as const, reference: `BT-${idempotencyKey}` }
      : { state: 'UNKNOWN' as const };
  }
}
