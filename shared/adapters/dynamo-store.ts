// The ClaimStore on one DynamoDB table. Keys and indexes: docs/STORAGE.md.

import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomInt } from 'node:crypto';
import {
  ConcurrentChangeError,
  InvalidCursorError,
  type BuyerLedger,
  type Cart,
  type ClaimQuery,
  type ClaimStore,
  type OrderQuery,
  type OrderRecords,
  type Page,
  type PageRequest,
  type StatusCounts,
  type TimelineEvent,
  type WaitFor,
  type Write,
} from '../app/ports.js';
import { counterDeltas, countsFrom } from '../app/status-counts.js';
import { CLOSED_CLAIM_STATUSES, OPEN_CLAIM_STATUSES, type Claim, type ClaimStatus } from '../domain/claim.js';
import { emptyBalance, type Balance, type LedgerEntry, type Withdrawal } from '../domain/ledger.js';
import type { BuyerMessage } from '../domain/message.js';
import { isUnshipped, storedFormsOf, type Order, type OrderStatus } from '../domain/order.js';
import type { Refund } from '../domain/refund.js';

type Item = Record<string, unknown>;

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'entity'] as const;

/** DynamoDB's limit on the items of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/** Counter items per scope: concurrent transactions add to different shards instead of colliding on one item. */
export const COUNTER_SHARDS = 32;

const month = (iso: string) => iso.slice(0, 7);
const claimSort = (c: Pick<Claim, 'claimId' | 'requestedAt'>) => `CLAIM#${c.requestedAt}#${c.claimId}`;
const orderSort = (o: Pick<Order, 'orderNo' | 'orderedAt'>) => `ORDER#${o.orderedAt}#${o.orderNo}`;

export const keys = {
  order: (o: Pick<Order, 'orderNo' | 'sellerId' | 'orderedAt' | 'cartNo' | 'status' | 'expectedShipDate'>) => ({
    pk: `ORDER#${o.orderNo}`,
    sk: 'ORDER',
    gsi1pk: `SELLER#${o.sellerId}`,
    gsi1sk: orderSort(o),
    gsi2pk: `CART#${o.cartNo}`,
    gsi2sk: `ORDER#${o.orderNo}`,
    // Sparse: only unshipped orders with a ship date, so the overdue ones are one short query.
    ...(isUnshipped(o.status) && o.expectedShipDate ? { gsi3pk: `SELLER#${o.sellerId}#SHIPDATE`, gsi3sk: `${o.expectedShipDate}#${o.orderNo}` } : {}),
    gsi4pk: `ORDERS#${month(o.orderedAt)}`,
    gsi4sk: orderSort(o),
  }),
  claim: (c: Pick<Claim, 'claimId' | 'sellerId' | 'requestedAt' | 'status'>) => ({
    pk: `CLAIM#${c.claimId}`,
    sk: 'CLAIM',
    gsi1pk: `SELLER#${c.sellerId}`,
    gsi1sk: claimSort(c),
    gsi2pk: `CLAIMS#${month(c.requestedAt)}`,
    gsi2sk: claimSort(c),
    gsi3pk: `SELLER#${c.sellerId}#CLAIMS#${c.status}`,
    gsi3sk: claimSort(c),
    // Sparse: a closed claim leaves the index of open ones.
    ...(CLOSED_CLAIM_STATUSES.includes(c.status) ? {} : { gsi4pk: `OPEN#${c.status}`, gsi4sk: claimSort(c) }),
  }),
  refund: (r: Pick<Refund, 'orderNo' | 'refundId' | 'buyerId' | 'createdAt'>) => ({
    pk: `ORDER#${r.orderNo}`,
    sk: `REFUND#${r.refundId}`,
    gsi2pk: `BUYER#${r.buyerId}`,
    gsi2sk: `REFUND#${r.createdAt}#${r.refundId}`,
  }),
  message: (m: Pick<BuyerMessage, 'orderNo' | 'messageId'>) => ({ pk: `ORDER#${m.orderNo}`, sk: `MESSAGE#${m.messageId}` }),
  balance: (b: Pick<Balance, 'buyerId'>) => ({ pk: `BUYER#${b.buyerId}`, sk: 'BALANCE' }),
  ledger: (e: Pick<LedgerEntry, 'buyerId' | 'entryId'>) => ({ pk: `BUYER#${e.buyerId}`, sk: `LEDGER#${e.entryId}` }),
  withdrawal: (w: Pick<Withdrawal, 'buyerId' | 'withdrawalId'>) => ({ pk: `BUYER#${w.buyerId}`, sk: `WITHDRAWAL#${w.withdrawalId}` }),
  event: (e: Pick<TimelineEvent, 'orderNo' | 'at'>) => ({
    pk: `ORDER#${e.orderNo}`,
    // The random tail keeps two events of the same millisecond apart; the time keeps them in order.
    sk: `EVENT#${e.at}#${randomBytes(4).toString('hex')}`,
  }),
  cart: (c: Pick<Cart, 'cartNo'>) => ({ pk: `CART#${c.cartNo}`, sk: 'CART' }),
  /** Beside what it waits for, in the same partition. */
  wait: (w: WaitFor) => ('claimId' in w ? { pk: `CLAIM#${w.claimId}`, sk: 'WAIT' } : { pk: `ORDER#${w.orderNo}`, sk: `WAIT#${w.refundId}` }),
  counter: (scope: string, shard: number) => ({ pk: `COUNTS#${scope}`, sk: `SHARD#${String(shard).padStart(2, '0')}` }),
};

function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const value = { ...item };
  for (const key of KEY_ATTRIBUTES) delete value[key];
  return value as T;
}

/** One partition of an index, read newest first between two sort keys. */
interface Partition {
  index: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';
  pk: string;
  /** Inclusive bounds of the sort key. */
  low: string;
  high: string;
}

interface Filter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

const encodeCursor = (sortKey: string) => Buffer.from(JSON.stringify({ after: sortKey })).toString('base64url');

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

/** Months from `high` back to `low` (YYYY-MM), newest first. */
function monthsBetween(low: string, high: string): string[] {
  const months: string[] = [];
  let [year, monthNo] = high.split('-').map(Number) as [number, number];
  while (months.length < 600) {
    const current = `${year}-${String(monthNo).padStart(2, '0')}`;
    if (current < low) break;
    months.push(current);
    monthNo -= 1;
    if (monthNo === 0) [year, monthNo] = [year - 1, 12];
  }
  return months;
}

function combine(filters: (Filter | undefined)[]): Filter | undefined {
  const present = filters.filter((f): f is Filter => f !== undefined);
  if (present.length === 0) return undefined;
  return {
    expression: present.map((f) => `(${f.expression})`).join(' AND '),
    names: Object.assign({}, ...present.map((f) => f.names)),
    values: Object.assign({}, ...present.map((f) => f.values)),
  };
}

function inList(attribute: string, values: readonly string[], tag: string): Filter {
  const placeholders = values.map((_, i) => `:${tag}${i}`);
  return {
    expression: `#${tag} IN (${placeholders.join(', ')})`,
    names: { [`#${tag}`]: attribute },
    values: Object.fromEntries(values.map((value, i) => [placeholders[i]!, value])),
  };
}

function delayedFilter(delayed: boolean, cutoff: string): Filter {
  const open = inList('status', OPEN_CLAIM_STATUSES, 'dls');
  const late = `(#dlr < :dlcut OR attribute_exists(#dla))`;
  return {
    expression: delayed ? `${open.expression} AND ${late}` : `NOT (${open.expression} AND ${late})`,
    names: { ...open.names, '#dlr': 'requestedAt', '#dla': 'delayedAt' },
    values: { ...open.values, ':dlcut': cutoff },
  };
}

/** The stored forms of an effective order status, as a filter (see storedFormsOf). */
function orderStatusFilter(status: OrderStatus, today: string): Filter {
  const parts: string[] = [];
  const values: Record<string, unknown> = {};
  const forms = storedFormsOf(status);
  const datesMatter = forms.some((form) => form.shipDate !== 'any');
  if (datesMatter) values[':today'] = today;
  forms.forEach((form, i) => {
    const statuses = form.stored.map((stored, j) => {
      values[`:os${i}_${j}`] = stored;
      return `:os${i}_${j}`;
    });
    const shipDate = { overdue: ' AND #esd < :today', onTime: ' AND (attribute_not_exists(#esd) OR #esd >= :today)', any: '' }[form.shipDate];
    parts.push(`(#ost IN (${statuses.join(', ')})${shipDate})`);
  });
  return { expression: parts.join(' OR '), names: { '#ost': 'status', ...(datesMatter ? { '#esd': 'expectedShipDate' } : {}) }, values };
}

export class DynamoClaimStore implements ClaimStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  getOrder(orderNo: string): Promise<Order | undefined> {
    return this.get<Order>({ pk: `ORDER#${orderNo}`, sk: 'ORDER' });
  }

  async getOrders(orderNos: string[]): Promise<Order[]> {
    const found = await this.batchGet(orderNos.map((orderNo) => ({ pk: `ORDER#${orderNo}`, sk: 'ORDER' })));
    return found.map((item) => strip<Order>(item)!);
  }

  async ordersOfCart(cartNo: string): Promise<Order[]> {
    // The index is eventually consistent: read each order again from the table before deciding on it.
    const refs = await this.queryAll({
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :cart AND begins_with(gsi2sk, :order)',
      ExpressionAttributeValues: { ':cart': `CART#${cartNo}`, ':order': 'ORDER#' },
      ProjectionExpression: 'orderNo',
    });
    return this.getOrders(refs.map((ref) => ref.orderNo as string));
  }

  getCart(cartNo: string): Promise<Cart | undefined> {
    return this.get<Cart>(keys.cart({ cartNo }));
  }

  async searchOrders(query: OrderQuery, page: PageRequest): Promise<Page<Order>> {
    const after = decodeCursor(page.cursor, 'ORDER#');
    const low = `ORDER#${query.from}`;
    const high = `ORDER#${query.to}\uffff`;
    const partitions: Partition[] = query.sellerId
      ? [{ index: 'gsi1', pk: `SELLER#${query.sellerId}`, low, high }]
      : monthsBetween(month(query.from), month(query.to)).map((m): Partition => ({ index: 'gsi4', pk: `ORDERS#${m}`, low, high }));
    const found = await this.pageAcross(partitions, page.limit, after, query.status ? orderStatusFilter(query.status, query.today) : undefined, true);
    return { items: found.items.map((item) => strip<Order>(item)!), nextCursor: found.last ? encodeCursor(found.last) : null };
  }

  async overdueOrders(sellerId: string, today: string): Promise<Order[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :today',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}#SHIPDATE`, ':today': today },
    });
    return items.map((item) => strip<Order>(item)!);
  }

  async orderRecords(orderNo: string): Promise<OrderRecords | undefined> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `ORDER#${orderNo}` },
      ConsistentRead: true,
    });
    const order = items.find((item) => item.sk === 'ORDER');
    if (!order) return undefined;
    const of = <T>(prefix: string) => items.filter((item) => (item.sk as string).startsWith(prefix)).map((item) => strip<T>(item)!);
    return {
      order: strip<Order>(order)!,
      refunds: of<Refund>('REFUND#'),
      messages: of<BuyerMessage>('MESSAGE#'),
      timeline: of<TimelineEvent>('EVENT#'),
    };
  }

  getClaim(claimId: string): Promise<Claim | undefined> {
    return this.get<Claim>({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' });
  }

  async getClaims(claimIds: string[]): Promise<Claim[]> {
    const found = await this.batchGet(claimIds.map((claimId) => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' })));
    return found.map((item) => strip<Claim>(item)!);
  }

  /** Which partitions hold the claims a query asks for, and what must be filtered out of them. */
  private claimPartitions(query: ClaimQuery, window: { low: string; high: string }): { partitions: Partition[]; filter?: Filter; sequential: boolean } {
    const { low, high } = window;
    const byStatus = (statuses: readonly ClaimStatus[]): Partition[] =>
      statuses.map((status) =>
        query.sellerId ? { index: 'gsi3', pk: `SELLER#${query.sellerId}#CLAIMS#${status}`, low, high } : { index: 'gsi4', pk: `OPEN#${status}`, low, high },
      );
    const delayed = query.delayed === undefined ? undefined : delayedFilter(query.delayed, query.delayCutoff);
    if (query.status) {
      // Every seller's closed claims of one status: the monthly partitions, filtered.
      if (!query.sellerId && CLOSED_CLAIM_STATUSES.includes(query.status)) {
        return { partitions: this.claimMonths(window, query.asOf), filter: combine([inList('status', [query.status], 'cs'), delayed])!, sequential: true };
      }
      return { partitions: byStatus([query.status]), ...(delayed ? { filter: delayed } : {}), sequential: false };
    }
    // Delayed claims are open ones: only the open partitions need reading.
    if (query.delayed === true) return { partitions: byStatus(OPEN_CLAIM_STATUSES), filter: delayed!, sequential: false };
    if (query.sellerId) return { partitions: [{ index: 'gsi1', pk: `SELLER#${query.sellerId}`, low, high }], ...(delayed ? { filter: delayed } : {}), sequential: false };
    return { partitions: this.claimMonths(window, query.asOf), ...(delayed ? { filter: delayed } : {}), sequential: true };
  }

  /** The months of the operator's claim list: two years back from now, the later pages from their cursor's month. */
  private claimMonths(window: { low: string; high: string }, asOf = new Date().toISOString()): Partition[] {
    const current = month(asOf);
    const newest = window.high.startsWith('CLAIM#2') && window.high.slice(6, 13) < current ? window.high.slice(6, 13) : current;
    const oldest = month(new Date(Date.parse(`${current}-01T00:00:00Z`) - 730 * 24 * 3600_000).toISOString());
    if (newest < oldest) return [];
    return monthsBetween(oldest, newest).map((m) => ({ index: 'gsi2', pk: `CLAIMS#${m}`, low: window.low, high: window.high }));
  }

  async listClaims(query: ClaimQuery, page: PageRequest): Promise<Page<Claim>> {
    const after = decodeCursor(page.cursor, 'CLAIM#');
    const { partitions, filter, sequential } = this.claimPartitions(query, { low: 'CLAIM#', high: after ?? 'CLAIM#\uffff' });
    const found = await this.pageAcross(partitions, page.limit, after, filter, sequential);
    return { items: found.items.map((item) => strip<Claim>(item)!), nextCursor: found.last ? encodeCursor(found.last) : null };
  }

  async countClaims(query: ClaimQuery & { requestedSince?: string }): Promise<number> {
    const { partitions, filter } = this.claimPartitions(query, { low: `CLAIM#${query.requestedSince ?? ''}`, high: 'CLAIM#\uffff' });
    let count = 0;
    for (const partition of partitions) {
      for await (const page of paginateQuery({ client: this.db }, { ...this.partitionQuery(partition, filter), Select: 'COUNT' })) count += page.Count ?? 0;
    }
    return count;
  }

  async statusCounts(sellerId?: string): Promise<StatusCounts> {
    const scope = sellerId ? `SELLER#${sellerId}` : 'ALL';
    const shards = await this.batchGet(Array.from({ length: COUNTER_SHARDS }, (_, shard) => keys.counter(scope, shard)));
    return countsFrom(shards.flatMap((shard) => Object.entries(shard)));
  }

  async staleOpenClaims(changedBefore: string, page: PageRequest): Promise<Page<Claim>> {
    const after = decodeCursor(page.cursor, 'CLAIM#');
    const partitions = OPEN_CLAIM_STATUSES.map((status): Partition => ({ index: 'gsi4', pk: `OPEN#${status}`, low: 'CLAIM#', high: after ?? 'CLAIM#\uffff' }));
    const filter: Filter = { expression: '#upd < :before', names: { '#upd': 'updatedAt' }, values: { ':before': changedBefore } };
    const found = await this.pageAcross(partitions, page.limit, after, filter, false);
    return { items: found.items.map((item) => strip<Claim>(item)!), nextCursor: found.last ? encodeCursor(found.last) : null };
  }

  getMessage(orderNo: string, messageId: string): Promise<BuyerMessage | undefined> {
    return this.get<BuyerMessage>(keys.message({ orderNo, messageId }));
  }

  getRefund(orderNo: string, refundId: string): Promise<Refund | undefined> {
    return this.get<Refund>({ pk: `ORDER#${orderNo}`, sk: `REFUND#${refundId}` });
  }

  async buyerLedger(buyerId: string): Promise<BuyerLedger> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `BUYER#${buyerId}` },
      ConsistentRead: true,
    });
    const of = <T>(prefix: string) => items.filter((item) => (item.sk as string).startsWith(prefix)).map((item) => strip<T>(item)!);
    return {
      balance: of<Balance>('BALANCE')[0] ?? emptyBalance(buyerId),
      entries: of<LedgerEntry>('LEDGER#').sort((a, b) => a.at.localeCompare(b.at)),
      withdrawals: of<Withdrawal>('WITHDRAWAL#').sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
    };
  }

  async commit(writes: Write[]): Promise<void> {
    if (writes.length === 0) return;
    const waits = writes.filter((write) => write.entity === 'wait');
    const puts = writes.filter((write) => write.entity !== 'wait').map((write) => this.put(write));
    const items = [...puts.map((put) => ({ Put: put })), ...waits.flatMap((wait) => this.waitItems(wait.value)), ...this.counterUpdates(writes)];
    if (items.length > MAX_TRANSACTION_ITEMS) {
      // A bug, not bad input: every use case bounds what it writes at once (docs/STORAGE.md).
      throw new Error(`A transaction of ${items.length} items exceeds DynamoDB's ${MAX_TRANSACTION_ITEMS}`);
    }
    try {
      // One item needs no transaction, which costs twice the write units.
      if (items.length === 1) await this.db.send(new PutCommand(puts[0]!));
      else await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChangeError('Changed since read: ConditionalCheckFailed');
      if (error instanceof TransactionCanceledException) {
        const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
        if (reasons.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) {
          throw new ConcurrentChangeError(`Changed since read: ${reasons.join(', ')}`);
        }
      }
      throw error;
    }
  }

  /** The counts' changes of these writes (shared/app/status-counts.ts): one update per scope, on a random shard. */
  private counterUpdates(writes: Write[]) {
    const deltas = counterDeltas(writes);
    return [...deltas].flatMap(([scope, changes]) => {
      const nonZero = [...changes].filter(([, delta]) => delta !== 0);
      if (nonZero.length === 0) return [];
      return [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.counter(scope, randomInt(COUNTER_SHARDS)),
            UpdateExpression: `ADD ${nonZero.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(nonZero.map(([attribute], i) => [`#c${i}`, attribute])),
            ExpressionAttributeValues: Object.fromEntries(nonZero.map(([, delta], i) => [`:d${i}`, delta])),
          },
        },
      ];
    });
  }

  /**
   * A waiting workflow's token, in an item of its own beside what it waits for, whose version goes
   * up with it: a decision read before the token was written fails its write, and reads again.
   */
  private waitItems(wait: { waitFor: WaitFor; token: string; version: number }) {
    const ownerKey = 'claimId' in wait.waitFor ? { pk: `CLAIM#${wait.waitFor.claimId}`, sk: 'CLAIM' } : { pk: `ORDER#${wait.waitFor.orderNo}`, sk: `REFUND#${wait.waitFor.refundId}` };
    return [
      { Put: { TableName: this.tableName, Item: { ...keys.wait(wait.waitFor), entity: 'wait', token: wait.token } } },
      {
        Update: {
          TableName: this.tableName,
          Key: ownerKey,
          UpdateExpression: 'SET version = :next',
          ConditionExpression: 'version = :read',
          ExpressionAttributeValues: { ':read': wait.version, ':next': wait.version + 1 },
        },
      },
    ];
  }

  async waitToken(waitFor: WaitFor): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.wait(waitFor), ConsistentRead: true }));
    return Item?.token as string | undefined;
  }

  private put(write: Exclude<Write, { entity: 'wait' }>) {
    const base = { TableName: this.tableName };
    if (write.entity === 'cart') {
      // The cart's buyer is set by its first order; another buyer's order is refused.
      return { ...base, Item: { ...write.value, ...keys.cart(write.value), entity: 'cart' }, ConditionExpression: 'attribute_not_exists(pk) OR buyerId = :buyer', ExpressionAttributeValues: { ':buyer': write.value.buyerId } };
    }
    if (write.entity === 'event' || write.entity === 'ledger') {
      const itemKeys = write.entity === 'event' ? keys.event(write.value) : keys.ledger(write.value);
      return { ...base, Item: { ...write.value, ...itemKeys, entity: write.entity }, ConditionExpression: 'attribute_not_exists(pk)' };
    }
    const itemKeys = (() => {
      switch (write.entity) {
        case 'order':
          return keys.order(write.value);
        case 'claim':
          return keys.claim(write.value);
        case 'refund':
          return keys.refund(write.value);
        case 'message':
          return keys.message(write.value);
        case 'balance':
          return keys.balance(write.value);
        case 'withdrawal':
          return keys.withdrawal(write.value);
      }
    })();
    const read = write.value.version;
    const Item = { ...write.value, ...itemKeys, entity: write.entity, version: read + 1 };
    return read === 0
      ? { ...base, Item, ConditionExpression: 'attribute_not_exists(pk)' }
      : { ...base, Item, ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': read } };
  }

  private partitionQuery(partition: Partition, filter: Filter | undefined): QueryCommandInput {
    return {
      TableName: this.tableName,
      IndexName: partition.index,
      KeyConditionExpression: `#ipk = :ipk AND #isk BETWEEN :low AND :high`,
      ExpressionAttributeNames: { '#ipk': `${partition.index}pk`, '#isk': `${partition.index}sk`, ...filter?.names },
      ExpressionAttributeValues: { ':ipk': partition.pk, ':low': partition.low, ':high': partition.high, ...filter?.values },
      ...(filter ? { FilterExpression: filter.expression } : {}),
      ScanIndexForward: false,
    };
  }

  /**
   * One page, newest first, across partitions whose sort keys order the same way: each is read
   * (past the cursor) until it has a page of items that pass the filter, and the newest of all are
   * kept. `sequential` partitions (months) are read one after another until the page is full.
   */
  private async pageAcross(partitions: Partition[], limit: number, after: string | undefined, filter: Filter | undefined, sequential: boolean): Promise<{ items: Item[]; last?: string }> {
    const sortKeyOf = (partition: Partition, item: Item) => item[`${partition.index}sk`] as string;
    const readPartition = async (partition: Partition) => {
      const bounded = after && after < partition.high ? { ...partition, high: after } : partition;
      // A cursor from below the range (forged, or from another range): nothing after it here.
      if (bounded.high < bounded.low) return { partition, items: [] as Item[], more: false };
      const items: Item[] = [];
      let more = false;
      for await (const page of paginateQuery({ client: this.db, pageSize: limit + 1 }, this.partitionQuery(bounded, filter))) {
        // The cursor's own item is the last one already given out.
        items.push(...(page.Items ?? []).filter((item) => sortKeyOf(partition, item) !== after));
        if (items.length > limit) {
          more = true;
          break;
        }
      }
      return { partition, items, more };
    };
    const results: Awaited<ReturnType<typeof readPartition>>[] = [];
    if (sequential) {
      let collected = 0;
      for (const partition of partitions) {
        const result = await readPartition(partition);
        results.push(result);
        collected += result.items.length;
        if (collected > limit) break;
      }
    } else {
      results.push(...(await Promise.all(partitions.map(readPartition))));
    }
    const merged = results
      .flatMap(({ partition, items }) => items.map((item) => ({ item, sortKey: sortKeyOf(partition, item) })))
      // Byte order, as DynamoDB orders sort keys (localeCompare would not, and pages would skip items).
      .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
    const page = merged.slice(0, limit);
    const more = merged.length > limit || results.some((r) => r.more) || (sequential && results.length < partitions.length && merged.length >= limit);
    return { items: page.map((entry) => entry.item), ...(more && page.length > 0 ? { last: page.at(-1)!.sortKey } : {}) };
  }

  private async get<T>(Key: { pk: string; sk: string }): Promise<T | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }));
    return strip<T>(Item);
  }

  private async queryAll(input: QueryCommandInput): Promise<Item[]> {
    const items: Item[] = [];
    for await (const page of paginateQuery({ client: this.db }, input)) items.push(...(page.Items ?? []));
    return items;
  }

  /** 100 keys a request (DynamoDB's limit), ten requests at a time; unprocessed keys are asked again with backoff. */
  private async batchGet(keyList: { pk: string; sk: string }[]): Promise<Item[]> {
    const unique = [...new Map(keyList.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
    const batches: Item[][] = [];
    for (let i = 0; i < unique.length; i += 100) batches.push(unique.slice(i, i + 100));
    const items: Item[] = [];
    const readBatch = async (batch: Item[]) => {
      let pending: Item[] | undefined = batch;
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt === 8) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${attempt} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const page: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
        items.push(...(page.Responses?.[this.tableName] ?? []));
        pending = page.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    };
    const workers = Array.from({ length: Math.min(10, batches.length) }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) await readBatch(batch);
    });
    await Promise.all(workers);
    return items;
  }
}
