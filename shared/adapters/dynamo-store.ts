// The ClaimStore on one DynamoDB table: its reads here, how its writes become items in dynamo-writes.ts. Keys and
// indexes: docs/STORAGE.md.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type {
  BuyerLedger,
  Cart,
  ClaimQuery,
  ClaimStore,
  OrderQuery,
  OrderRecords,
  StatusCounts,
  TimelineEvent,
  RefundRef,
  WaitFor,
} from '../app/ports/claim-store.js';
import type { Page, PageRequest } from '../app/ports/pages.js';
import { CLOSED_CLAIM_STATUSES, OPEN_CLAIM_STATUSES, type Claim, type ClaimStatus } from '../domain/claim.js';
import { emptyBalance, type Balance, type LedgerEntry, type Withdrawal } from '../domain/ledger.js';
import type { BuyerMessage } from '../domain/message.js';
import type { Order } from '../domain/order.js';
import { matchesCriteria, SORT_PREFIX } from '../domain/order-search.js';
import type { Refund } from '../domain/refund.js';
import { batchGet, COUNTER_SHARDS, decodeCursor, encodeCursor, keys, lists, month, shardsOf } from './dynamo-items.js';
import { strip } from './dynamo-items.js';
import type { Item } from './dynamo-items.js';
import { transactItems, type StoredWait } from './dynamo-writes.js';
import { writeWithEvents } from './dynamo-outbox.js';
import { combine, delayedFilter, inList, inShards, monthsBetween, pageAcross, partitionQuery } from './dynamo-pages.js';
import type { Filter, Partition } from './dynamo-pages.js';
import { countsFrom, type ChangeSet } from '../app/ports/change-set.js';

/**
 * Where orders are kept by each kind of date: by order date, a seller's list (gsi1) or every
 * seller's months (gsi4, one after another); by payment date, the seller's keys-only list (gsi6); by
 * shipping date, the seller's shipped orders (gsi3). Each list is read across its shards. Every
 * seller's orders are searched by order date only.
 */
function orderDateGroups(query: OrderQuery, window: Window): { groups: Partition[][]; keysOnly: boolean } {
  const { sellerId, criteria } = query;
  if (criteria.dateType === 'ORDERED') {
    if (sellerId) {
      const seller = inShards({ index: 'gsi1', list: lists.sellerOrdersAndClaims(sellerId), ...window });
      return { groups: [seller], keysOnly: false };
    }
    const months = monthsBetween(month(criteria.from), month(criteria.to));
    const groups = months.map((m) => inShards({ index: 'gsi4', list: lists.ordersOfMonth(m), ...window }));
    return { groups, keysOnly: false };
  }
  if (!sellerId) throw new Error(`An order search by ${criteria.dateType} date names a seller.`);
  if (criteria.dateType === 'PAID') {
    return { groups: [inShards({ index: 'gsi6', list: lists.paidOrders(sellerId), ...window })], keysOnly: true };
  }
  return { groups: [inShards({ index: 'gsi3', list: lists.shipped(sellerId), ...window })], keysOnly: false };
}

type Window = { low: string; high: string };

/** The sort keys of the claims requested within the query's period (all of them without one). */
const claimWindow = (query: ClaimQuery) => ({
  low: `CLAIM#${query.requested?.from ?? ''}`,
  high: `CLAIM#${query.requested?.to ?? ''}\uffff`,
});

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
    const found = await batchGet(
      this.db,
      this.tableName,
      orderNos.map((orderNo) => ({ pk: `ORDER#${orderNo}`, sk: 'ORDER' })),
    );
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
    const { criteria } = query;
    const prefix = SORT_PREFIX[criteria.dateType];
    const after = decodeCursor(page.cursor, prefix);
    const low = `${prefix}${criteria.from}`;
    const high = `${prefix}${criteria.to}\uffff`;
    const asOf = new Date(query.asOf);
    const keep = (item: Item) => matchesCriteria(strip<Order>(item)!, criteria, asOf);
    const { groups, keysOnly } = orderDateGroups(query, { low, high });
    const hydrate = keysOnly
      ? (entries: Item[]) =>
          batchGet(
            this.db,
            this.tableName,
            entries.map((e) => ({ pk: e.pk as string, sk: e.sk as string })),
          )
      : undefined;
    const reading = { keep, ...(hydrate ? { hydrate } : {}) };
    const found = await pageAcross(this.db, this.tableName, groups, page.limit, after, undefined, reading);
    return {
      items: found.items.map((item) => strip<Order>(item)!),
      nextCursor: found.last ? encodeCursor(found.last) : null,
    };
  }

  async buyerOrders(buyerId: string, page: PageRequest): Promise<Page<Order>> {
    const after = decodeCursor(page.cursor, 'ORDER#');
    const partition: Partition = { index: 'gsi5', pk: `BUYER#${buyerId}`, low: 'ORDER#', high: 'ORDER#\uffff' };
    const found = await pageAcross(this.db, this.tableName, [[partition]], page.limit, after, undefined);
    // The index holds keys only: the orders themselves.
    return {
      items: await this.readAgain<Order>(found.items),
      nextCursor: found.last ? encodeCursor(found.last) : null,
    };
  }

  async overdueOrders(sellerId: string, today: string): Promise<Order[]> {
    const shards = await Promise.all(
      shardsOf(lists.shipDates(sellerId)).map((pk) =>
        this.queryAll({
          TableName: this.tableName,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :today',
          ExpressionAttributeValues: { ':pk': pk, ':today': today },
        }),
      ),
    );
    // Earliest first across the shards, as one partition's query answered.
    const byShipDate = shards.flat().sort((a, b) => ((a.gsi3sk as string) < (b.gsi3sk as string) ? -1 : 1));
    return byShipDate.map((item) => strip<Order>(item)!);
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
    const of = <T>(prefix: string) =>
      items.filter((item) => (item.sk as string).startsWith(prefix)).map((item) => strip<T>(item)!);
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
    const found = await batchGet(
      this.db,
      this.tableName,
      claimIds.map((claimId) => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' })),
    );
    return found.map((item) => strip<Claim>(item)!);
  }

  /**
   * Which partitions hold the claims a query asks for, in groups read one after another (the
   * operator's months) or at once (a list's shards, several statuses), and what must be filtered out.
   */
  private claimPartitions(query: ClaimQuery, window: Window): { groups: Partition[][]; filter?: Filter } {
    const { low, high } = window;
    const byStatus = (statuses: readonly ClaimStatus[]): Partition[][] => [
      statuses.flatMap((status) =>
        query.sellerId
          ? inShards({ index: 'gsi3', list: lists.sellerClaimsIn(query.sellerId, status), low, high })
          : inShards({ index: 'gsi4', list: lists.openClaims(status), low, high }),
      ),
    ];
    // The delayed flag and a claim type are filters on the partitions read: neither has a list of its own.
    const delayed = combine([
      query.delayed === undefined ? undefined : delayedFilter(query.delayed, query.delayCutoff),
      query.type ? inList('type', [query.type], 'ct') : undefined,
    ]);
    if (query.status) {
      // Every seller's closed claims of one status: the monthly partitions, filtered.
      if (!query.sellerId && CLOSED_CLAIM_STATUSES.includes(query.status)) {
        const filter = combine([inList('status', [query.status], 'cs'), delayed])!;
        return { groups: this.claimMonths(window, query.asOf), filter };
      }
      return { groups: byStatus([query.status]), ...(delayed ? { filter: delayed } : {}) };
    }
    // Delayed claims are open ones: only the open partitions need reading.
    if (query.delayed === true) return { groups: byStatus(OPEN_CLAIM_STATUSES), filter: delayed };
    if (query.sellerId) {
      const seller = inShards({ index: 'gsi1', list: lists.sellerOrdersAndClaims(query.sellerId), low, high });
      return { groups: [seller], ...(delayed ? { filter: delayed } : {}) };
    }
    return { groups: this.claimMonths(window, query.asOf), ...(delayed ? { filter: delayed } : {}) };
  }

  /**
   * The months of the operator's claim list: two years back from now at most, within the period
   * asked for, and the later pages from their cursor's month.
   */
  private claimMonths(window: Window, asOf = new Date().toISOString()): Partition[][] {
    const current = month(asOf);
    const monthOf = (key: string) => (key.startsWith('CLAIM#2') ? key.slice(6, 13) : undefined);
    const twoYearsBack = month(new Date(Date.parse(`${current}-01T00:00:00Z`) - 730 * 24 * 3600_000).toISOString());
    const newest = [monthOf(window.high) ?? current, current].sort()[0]!;
    const oldest = [monthOf(window.low) ?? twoYearsBack, twoYearsBack].sort()[1]!;
    if (newest < oldest) return [];
    const months = monthsBetween(oldest, newest);
    return months.map((m) => inShards({ index: 'gsi2', list: lists.claimsOfMonth(m), ...window }));
  }

  async listClaims(query: ClaimQuery, page: PageRequest): Promise<Page<Claim>> {
    const after = decodeCursor(page.cursor, 'CLAIM#');
    const period = claimWindow(query);
    const high = after && after < period.high ? after : period.high;
    const { groups, filter } = this.claimPartitions(query, { low: period.low, high });
    const found = await pageAcross(this.db, this.tableName, groups, page.limit, after, filter);
    return {
      items: found.items.map((item) => strip<Claim>(item)!),
      nextCursor: found.last ? encodeCursor(found.last) : null,
    };
  }

  async countClaims(query: ClaimQuery): Promise<number> {
    const { groups, filter } = this.claimPartitions(query, claimWindow(query));
    const countOf = async (partition: Partition) => {
      let count = 0;
      for await (const page of paginateQuery(
        { client: this.db },
        { ...partitionQuery(this.tableName, partition, filter), Select: 'COUNT' },
      ))
        count += page.Count ?? 0;
      return count;
    };
    let count = 0;
    for (const group of groups) count += (await Promise.all(group.map(countOf))).reduce((a, b) => a + b, 0);
    return count;
  }

  async statusCounts(sellerId?: string): Promise<StatusCounts> {
    const scope = sellerId ? `SELLER#${sellerId}` : 'ALL';
    const shards = await batchGet(
      this.db,
      this.tableName,
      Array.from({ length: COUNTER_SHARDS }, (_, shard) => keys.counter(scope, shard)),
    );
    return countsFrom(shards.flatMap((shard) => Object.entries(shard)));
  }

  async staleOpenClaims(changedBefore: string, page: PageRequest): Promise<Page<Claim>> {
    const after = decodeCursor(page.cursor, 'CLAIM#');
    const bounds = { low: 'CLAIM#', high: after ?? 'CLAIM#\uffff' };
    const open = (status: ClaimStatus) => inShards({ index: 'gsi4', list: lists.openClaims(status), ...bounds });
    const partitions = OPEN_CLAIM_STATUSES.flatMap(open);
    const filter: Filter = {
      expression: '#upd < :before',
      names: { '#upd': 'updatedAt' },
      values: { ':before': changedBefore },
    };
    const found = await pageAcross(this.db, this.tableName, [partitions], page.limit, after, filter);
    return {
      items: found.items.map((item) => strip<Claim>(item)!),
      nextCursor: found.last ? encodeCursor(found.last) : null,
    };
  }

  getMessage(orderNo: string, messageId: string): Promise<BuyerMessage | undefined> {
    return this.get<BuyerMessage>(keys.message({ orderNo, messageId }));
  }

  getRefund(orderNo: string, refundId: string): Promise<Refund | undefined> {
    return this.get<Refund>({ pk: `ORDER#${orderNo}`, sk: `REFUND#${refundId}` });
  }

  async pendingWithdrawals(page: PageRequest): Promise<Page<Withdrawal>> {
    const after = decodeCursor(page.cursor, 'WITHDRAWAL#');
    const partition: Partition = {
      index: 'gsi4',
      pk: 'WITHDRAWALS#PENDING',
      low: 'WITHDRAWAL#',
      high: 'WITHDRAWAL#\uffff',
    };
    const found = await pageAcross(this.db, this.tableName, [[partition]], page.limit, after, undefined);
    // The index lags a settlement a moment: each is read again and kept if still PENDING.
    const items = (await this.readAgain<Withdrawal>(found.items)).filter(
      (withdrawal) => withdrawal.status === 'PENDING',
    );
    return { items, nextCursor: found.last ? encodeCursor(found.last) : null };
  }

  /**
   * The items an index page names, read from the table (consistently), in the index's order; one gone since is left
   * out.
   */
  private async readAgain<T>(indexed: Item[]): Promise<T[]> {
    const key = (item: Item) => `${item.pk as string}\u0000${item.sk as string}`;
    const read = new Map(
      (
        await batchGet(
          this.db,
          this.tableName,
          indexed.map((item) => ({ pk: item.pk as string, sk: item.sk as string })),
        )
      ).map((item) => [key(item), item]),
    );
    return indexed.flatMap((item) => {
      const found = read.get(key(item));
      return found ? [strip<T>(found)!] : [];
    });
  }

  async buyerLedger(buyerId: string): Promise<BuyerLedger> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `BUYER#${buyerId}` },
      ConsistentRead: true,
    });
    const of = <T>(prefix: string) =>
      items.filter((item) => (item.sk as string).startsWith(prefix)).map((item) => strip<T>(item)!);
    return {
      balance: of<Balance>('BALANCE')[0] ?? emptyBalance(buyerId),
      entries: of<LedgerEntry>('LEDGER#').sort((a, b) => a.at.localeCompare(b.at)),
      withdrawals: of<Withdrawal>('WITHDRAWAL#').sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
    };
  }

  async commit({ writes, events, counterMoves }: ChangeSet): Promise<void> {
    if (writes.length === 0) return;
    await writeWithEvents(this.db, this.tableName, transactItems(this.tableName, writes, counterMoves), events);
  }

  async waitToken(waitFor: WaitFor): Promise<string | undefined> {
    return (await this.get<StoredWait>(keys.wait(waitFor)))?.token;
  }

  async refundWait({ orderNo, refundId }: RefundRef): Promise<{ token: string; together: RefundRef[] } | undefined> {
    const wait = await this.get<StoredWait>(keys.wait({ orderNo, refundId }));
    return wait ? { token: wait.token, together: wait.together ?? [{ orderNo, refundId }] } : undefined;
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
}
