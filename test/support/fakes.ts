// In-memory fakes of the ports, for testing use cases without AWS: a store whose commit checks
// versions and conditions as DynamoDB's transactions do (a contract suite keeps it honest against
// the DynamoDB store), and recording fakes of the mailer, the workflows and the payment provider.
import { OPEN_CLAIM_STATUSES, CLOSED_CLAIM_STATUSES, type Claim } from '../../shared/domain/claim.js';
import { emptyBalance, type Balance, type LedgerEntry, type Withdrawal } from '../../shared/domain/ledger.js';
import type { BuyerMessage } from '../../shared/domain/message.js';
import type { Email } from '../../shared/domain/notices.js';
import { effectiveStatus, isUnshipped, type Order } from '../../shared/domain/order.js';
import type { Refund } from '../../shared/domain/refund.js';
import {
  ConcurrentChangeError,
  InvalidCursorError,
  MailError,
  PaymentError,
  type BankTransfers,
  type BuyerLedger,
  type CardCancellationState,
  type Cart,
  type ClaimQuery,
  type ClaimStore,
  type WaitFor,
  type WaitOutcome,
  type Mailer,
  type MailTags,
  type OrderQuery,
  type OrderRecords,
  type Page,
  type PageRequest,
  type Payments,
  type RunStatus,
  type StatusCounts,
  type TimelineEvent,
  type WorkflowRun,
  type Workflows,
  type Write,
} from '../../shared/app/ports.js';

const copy = <T>(value: T): T => structuredClone(value);
const MAX_TRANSACTION_ITEMS = 100;

const encodeCursor = (after: string) => Buffer.from(JSON.stringify({ after })).toString('base64url');
function decodeCursor(cursor: string | undefined, prefix: string): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'string' && after.startsWith(prefix) && after.length < 200) return after;
  } catch {
    // not one of ours
  }
  throw new InvalidCursorError('The cursor is not one this list gave out.');
}

/** The newest page after the cursor, by a sort key; the next cursor when more remain. */
function pageOf<T>(items: T[], sortKey: (item: T) => string, page: PageRequest, prefix: string): Page<T> {
  const after = decodeCursor(page.cursor, prefix);
  const sorted = items.map((item) => ({ item, key: sortKey(item) })).filter(({ key }) => after === undefined || key < after).sort((a, b) => b.key.localeCompare(a.key));
  const taken = sorted.slice(0, page.limit);
  return { items: taken.map(({ item }) => copy(item)), nextCursor: sorted.length > page.limit && taken.length > 0 ? encodeCursor(taken.at(-1)!.key) : null };
}

export class FakeClaimStore implements ClaimStore {
  readonly orders = new Map<string, Order>();
  readonly claims = new Map<string, Claim>();
  readonly refunds = new Map<string, Refund>();
  readonly messages = new Map<string, BuyerMessage>();
  readonly events: TimelineEvent[] = [];
  readonly balances = new Map<string, Balance>();
  readonly ledger = new Map<string, LedgerEntry>();
  readonly withdrawals = new Map<string, Withdrawal>();
  readonly carts = new Map<string, Cart>();
  readonly counters = new Map<string, Map<string, number>>();
  /** Every committed transaction, for assertions on how many writes a use case makes. */
  readonly commits: Write[][] = [];
  /** Task tokens by what they wait for: never on a claim or a refund. */
  readonly waits = new Map<string, string>();

  async waitToken(waitFor: WaitFor): Promise<string | undefined> {
    return this.waits.get(waitKey(waitFor));
  }
  /** Called before each commit is checked: lets a test race a commit against another change. */
  beforeCommit?: (writes: Write[]) => void | Promise<void>;

  async getOrder(orderNo: string) {
    const order = this.orders.get(orderNo);
    return order && copy(order);
  }

  async getOrders(orderNos: string[]) {
    return [...new Set(orderNos)].flatMap((orderNo) => (this.orders.has(orderNo) ? [copy(this.orders.get(orderNo)!)] : []));
  }

  async ordersOfCart(cartNo: string) {
    return [...this.orders.values()].filter((order) => order.cartNo === cartNo).map(copy);
  }

  async getCart(cartNo: string) {
    const cart = this.carts.get(cartNo);
    return cart && copy(cart);
  }

  async searchOrders(query: OrderQuery, page: PageRequest) {
    const today = new Date(`${query.today}T12:00:00+09:00`);
    const matching = [...this.orders.values()].filter(
      (order) =>
        (!query.sellerId || order.sellerId === query.sellerId) &&
        order.orderedAt >= query.from &&
        order.orderedAt <= `${query.to}\uffff` &&
        (!query.status || effectiveStatus(order, today) === query.status),
    );
    return pageOf(matching, (order) => `ORDER#${order.orderedAt}#${order.orderNo}`, page, 'ORDER#');
  }

  async overdueOrders(sellerId: string, today: string) {
    return [...this.orders.values()].filter((order) => order.sellerId === sellerId && isUnshipped(order.status) && order.expectedShipDate !== undefined && order.expectedShipDate < today).map(copy);
  }

  async orderRecords(orderNo: string): Promise<OrderRecords | undefined> {
    const order = this.orders.get(orderNo);
    if (!order) return undefined;
    return {
      order: copy(order),
      refunds: [...this.refunds.values()].filter((r) => r.orderNo === orderNo).map(copy),
      messages: [...this.messages.values()].filter((m) => m.orderNo === orderNo).map(copy),
      timeline: this.events.filter((e) => e.orderNo === orderNo).map(copy),
    };
  }

  async getClaim(claimId: string) {
    const claim = this.claims.get(claimId);
    return claim && copy(claim);
  }

  async getClaims(claimIds: string[]) {
    return [...new Set(claimIds)].flatMap((claimId) => (this.claims.has(claimId) ? [copy(this.claims.get(claimId)!)] : []));
  }

  private matching(query: ClaimQuery & { requestedSince?: string }) {
    const late = (claim: Claim) => OPEN_CLAIM_STATUSES.includes(claim.status) && (claim.requestedAt < query.delayCutoff || claim.delayedAt !== undefined);
    return [...this.claims.values()].filter(
      (claim) =>
        (!query.sellerId || claim.sellerId === query.sellerId) &&
        (!query.status || claim.status === query.status) &&
        (query.delayed === undefined || late(claim) === query.delayed) &&
        (!query.requestedSince || claim.requestedAt >= query.requestedSince),
    );
  }

  async listClaims(query: ClaimQuery, page: PageRequest) {
    return pageOf(this.matching(query), (claim) => `CLAIM#${claim.requestedAt}#${claim.claimId}`, page, 'CLAIM#');
  }

  async countClaims(query: ClaimQuery & { requestedSince?: string }) {
    return this.matching(query).length;
  }

  async statusCounts(sellerId?: string): Promise<StatusCounts> {
    const counts: StatusCounts = { orders: {}, claims: {} };
    for (const [name, value] of this.counters.get(sellerId ? `SELLER#${sellerId}` : 'ALL') ?? []) {
      const [kind, status] = name.split('.') as ['order' | 'claim', string];
      (kind === 'order' ? (counts.orders as Record<string, number>) : (counts.claims as Record<string, number>))[status] = value;
    }
    return counts;
  }

  async staleOpenClaims(changedBefore: string, page: PageRequest) {
    const stale = [...this.claims.values()].filter((claim) => !CLOSED_CLAIM_STATUSES.includes(claim.status) && claim.updatedAt < changedBefore);
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

  async buyerLedger(buyerId: string): Promise<BuyerLedger> {
    return {
      balance: copy(this.balances.get(buyerId) ?? emptyBalance(buyerId)),
      entries: [...this.ledger.values()].filter((e) => e.buyerId === buyerId).sort((a, b) => a.at.localeCompare(b.at)).map(copy),
      withdrawals: [...this.withdrawals.values()].filter((w) => w.buyerId === buyerId).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)).map(copy),
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
        return { map: this.withdrawals, key: write.value.withdrawalId };
      case 'wait': {
        // A token's write counts as a change of what it waits for.
        const { waitFor } = write.value;
        return 'claimId' in waitFor ? { map: this.claims, key: waitFor.claimId } : { map: this.refunds, key: `${waitFor.orderNo}/${waitFor.refundId}` };
      }
      default:
        return undefined;
    }
  }

  async commit(writes: Write[]): Promise<void> {
    if (writes.length === 0) return;
    await this.beforeCommit?.(writes);
    const scopes = new Set(writes.flatMap((w) => (w.entity === 'order' || w.entity === 'claim') && w.from !== w.value.status ? [`SELLER#${w.value.sellerId}`, 'ALL'] : []));
    if (writes.length + scopes.size > MAX_TRANSACTION_ITEMS) throw new Error(`A transaction of ${writes.length + scopes.size} items exceeds DynamoDB's ${MAX_TRANSACTION_ITEMS}`);
    // Check every condition first: all or nothing.
    for (const write of writes) {
      const slot = this.slot(write);
      if (slot) {
        const stored = slot.map.get(slot.key);
        const read = (write.value as { version: number }).version;
        if (read === 0 ? stored !== undefined : stored?.version !== read) throw new ConcurrentChangeError(`Changed since read: ${write.entity} ${slot.key}`);
      } else if (write.entity === 'ledger' && this.ledger.has(`${write.value.buyerId}/${write.value.entryId}`)) {
        throw new ConcurrentChangeError(`Changed since read: ledger ${write.value.entryId}`);
      } else if (write.entity === 'cart') {
        const cart = this.carts.get(write.value.cartNo);
        if (cart && cart.buyerId !== write.value.buyerId) throw new ConcurrentChangeError(`Changed since read: cart ${write.value.cartNo}`);
      }
    }
    for (const write of writes) {
      const slot = this.slot(write);
      if (write.entity === 'wait') {
        this.waits.set(waitKey(write.value.waitFor), write.value.token);
        const owner = slot!.map.get(slot!.key)!;
        slot!.map.set(slot!.key, { ...owner, version: owner.version + 1 });
      } else if (slot) slot.map.set(slot.key, { ...copy(write.value), version: (write.value as { version: number }).version + 1 });
      else if (write.entity === 'ledger') this.ledger.set(`${write.value.buyerId}/${write.value.entryId}`, copy(write.value));
      else if (write.entity === 'event') this.events.push(copy(write.value));
      else if (write.entity === 'cart') this.carts.set(write.value.cartNo, copy(write.value));
      if ((write.entity === 'order' || write.entity === 'claim') && write.from !== write.value.status) {
        for (const scope of [`SELLER#${write.value.sellerId}`, 'ALL']) {
          const counts = this.counters.get(scope) ?? new Map<string, number>();
          if (write.from !== null) counts.set(`${write.entity}.${write.from}`, (counts.get(`${write.entity}.${write.from}`) ?? 0) - 1);
          counts.set(`${write.entity}.${write.value.status}`, (counts.get(`${write.entity}.${write.value.status}`) ?? 0) + 1);
          this.counters.set(scope, counts);
        }
      }
    }
    this.commits.push(copy(writes));
  }
}

const waitKey = (waitFor: WaitFor) => ('claimId' in waitFor ? `claim/${waitFor.claimId}` : `refund/${waitFor.orderNo}/${waitFor.refundId}`);

/** A mailer that records what it sends, and fails as it is told to. */
export class FakeMailer implements Mailer {
  readonly sent: { to: string; email: Email; tags?: MailTags }[] = [];
  private failures: { to?: string; retryable: boolean; count: number; message: string }[] = [];

  failNext(count: number, options: { to?: string; retryable?: boolean; message?: string } = {}): void {
    this.failures.push({ count, retryable: options.retryable ?? false, message: options.message ?? 'SES MessageRejected: refused', ...(options.to ? { to: options.to } : {}) });
  }

  async send(to: string, email: Email, tags?: MailTags) {
    const failure = this.failures.find((f) => !f.to || f.to === to);
    if (failure) {
      if (--failure.count <= 0) this.failures = this.failures.filter((f) => f !== failure);
      throw new MailError(failure.message, failure.retryable);
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

  async wake(taskToken: string, outcome: WaitOutcome) {
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
    return this.calls.some((c) => c.kind === 'transfer' && c.key === idempotencyKey) ? { state: 'COMPLETED' as const, reference: `BT-${idempotencyKey}` } : { state: 'UNKNOWN' as const };
  }
}
