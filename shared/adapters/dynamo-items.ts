// The one table's items as the stores write them (docs/STORAGE.md): keys, what a read strips of them,
// page cursors, and what a refused conditional write means. Shared by the claim and bulk stores.

import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash, randomBytes } from 'node:crypto';
import { mapLimited } from '../map-limited.js';
import type { Cart, TimelineEvent, WaitFor } from '../app/ports/claim-store.js';
import { ConcurrentChangeError, InvalidCursorError } from '../app/ports/port-errors.js';
import { CLOSED_CLAIM_STATUSES, type Claim } from '../domain/claim.js';
import type { Balance, LedgerEntry, Withdrawal } from '../domain/ledger.js';
import type { BuyerMessage } from '../domain/message.js';
import { isUnshipped, type Order } from '../domain/order.js';
import { dateSortKey } from '../domain/order-search.js';
import type { Refund } from '../domain/refund.js';

export type Item = Record<string, unknown>;

const INDEXES = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5', 'gsi6'] as const;
export type IndexName = (typeof INDEXES)[number];
const KEY_ATTRIBUTES = ['pk', 'sk', ...INDEXES.flatMap((index) => [`${index}pk`, `${index}sk`]), 'entity'];

/** DynamoDB's limit on the items of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Counter items per scope, each in a partition of its own: concurrent transactions add to different
 * items instead of colliding on one, and a sale's thousand changes a second spread over 32 partition
 * keys instead of heating one (a partition key takes about 1,000 write units a second).
 */
export const COUNTER_SHARDS = 32;

/**
 * A list every order or claim of a seller, or of the marketplace, is written to, spread across
 * partition keys (write sharding with a suffix, DynamoDB's guide): at 1,000 orders a second its one
 * key would take up to 5,000 write units a second, where a partition key serves about 1,000
 * (docs/BENCHMARKS.md gives each list's rate). Each list has as many shards as keep it under ~750
 * at that rate; a list reads them all and merges them in sort-key order (dynamo-pages.ts). An
 * item's shard is a hash of its own id, so it never moves as the item changes. A list given more
 * shards later still reads the items of the old ones, whose suffixes it keeps.
 */
export interface ShardedList {
  key: string;
  shards: number;
}
const two = (n: number) => String(n).padStart(2, '0');
/** The partition key of the list that the item with this id is written to. */
export const shardOf = (list: ShardedList, id: string) =>
  `${list.key}#${two(createHash('sha256').update(id).digest().readUInt32BE(0) % list.shards)}`;
/** Every partition key of the list. */
export const shardsOf = (list: ShardedList) =>
  Array.from({ length: list.shards }, (_, shard) => `${list.key}#${two(shard)}`);

export const month = (iso: string) => iso.slice(0, 7);
export const claimSort = (c: Pick<Claim, 'claimId' | 'requestedAt'>) => `CLAIM#${c.requestedAt}#${c.claimId}`;
export const orderSort = (o: Pick<Order, 'orderNo' | 'orderedAt'>) => `ORDER#${o.orderedAt}#${o.orderNo}`;

/** The sharded lists, by what they hold, with their shards: the write units at 1,000 orders a second ÷ ~750. */
export const lists = {
  /** gsi1: a seller's orders by order date and claims by request date (5 units a cancellation). */
  sellerOrdersAndClaims: (sellerId: string): ShardedList => ({ key: `SELLER#${sellerId}`, shards: 8 }),
  /** gsi2: every claim, by month of request (3 a cancellation). */
  claimsOfMonth: (yyyyMm: string): ShardedList => ({ key: `CLAIMS#${yyyyMm}`, shards: 4 }),
  /** gsi3: a seller's claims in one status (2 a cancellation). */
  sellerClaimsIn: (sellerId: string, status: string): ShardedList => ({
    key: `SELLER#${sellerId}#CLAIMS#${status}`,
    shards: 4,
  }),
  /** gsi3: a seller's unshipped orders by ship date, and shipped ones by when they shipped (1 or 2 a change). */
  shipDates: (sellerId: string): ShardedList => ({ key: `SELLER#${sellerId}#SHIPDATE`, shards: 4 }),
  shipped: (sellerId: string): ShardedList => ({ key: `SELLER#${sellerId}#SHIPPED`, shards: 4 }),
  /** gsi4: open claims in one status (2 a cancellation); every order, by month of order (2). */
  openClaims: (status: string): ShardedList => ({ key: `OPEN#${status}`, shards: 4 }),
  ordersOfMonth: (yyyyMm: string): ShardedList => ({ key: `ORDERS#${yyyyMm}`, shards: 4 }),
  /** gsi6: a seller's paid orders by when they were paid, keys only (1 an order). */
  paidOrders: (sellerId: string): ShardedList => ({ key: `SELLER#${sellerId}#PAID`, shards: 2 }),
};

export const keys = {
  order: (o: OrderKeyFields) => ({
    pk: `ORDER#${o.orderNo}`,
    sk: 'ORDER',
    gsi1pk: shardOf(lists.sellerOrdersAndClaims(o.sellerId), o.orderNo),
    gsi1sk: orderSort(o),
    gsi2pk: `CART#${o.cartNo}`,
    gsi2sk: `ORDER#${o.orderNo}`,
    ...byShipping(o),
    gsi4pk: shardOf(lists.ordersOfMonth(month(o.orderedAt)), o.orderNo),
    gsi4sk: orderSort(o),
    gsi5pk: `BUYER#${o.buyer.id}`,
    gsi5sk: orderSort(o),
    ...(o.paidAt ? { gsi6pk: shardOf(lists.paidOrders(o.sellerId), o.orderNo), gsi6sk: dateSortKey(o, 'PAID') } : {}),
  }),
  claim: (c: Pick<Claim, 'claimId' | 'sellerId' | 'requestedAt' | 'status'>) => ({
    pk: `CLAIM#${c.claimId}`,
    sk: 'CLAIM',
    gsi1pk: shardOf(lists.sellerOrdersAndClaims(c.sellerId), c.claimId),
    gsi1sk: claimSort(c),
    gsi2pk: shardOf(lists.claimsOfMonth(month(c.requestedAt)), c.claimId),
    gsi2sk: claimSort(c),
    gsi3pk: shardOf(lists.sellerClaimsIn(c.sellerId, c.status), c.claimId),
    gsi3sk: claimSort(c),
    // Sparse: a closed claim leaves the index of open ones.
    ...(CLOSED_CLAIM_STATUSES.includes(c.status)
      ? {}
      : { gsi4pk: shardOf(lists.openClaims(c.status), c.claimId), gsi4sk: claimSort(c) }),
  }),
  refund: (r: Pick<Refund, 'orderNo' | 'refundId' | 'buyerId' | 'createdAt'>) => ({
    pk: `ORDER#${r.orderNo}`,
    sk: `REFUND#${r.refundId}`,
    gsi2pk: `BUYER#${r.buyerId}`,
    gsi2sk: `REFUND#${r.createdAt}#${r.refundId}`,
  }),
  message: (m: Pick<BuyerMessage, 'orderNo' | 'messageId'>) => ({
    pk: `ORDER#${m.orderNo}`,
    sk: `MESSAGE#${m.messageId}`,
  }),
  balance: (b: Pick<Balance, 'buyerId'>) => ({ pk: `BUYER#${b.buyerId}`, sk: 'BALANCE' }),
  ledger: (e: Pick<LedgerEntry, 'buyerId' | 'entryId'>) => ({ pk: `BUYER#${e.buyerId}`, sk: `LEDGER#${e.entryId}` }),
  withdrawal: (w: Pick<Withdrawal, 'buyerId' | 'withdrawalId' | 'status' | 'requestedAt'>) => ({
    pk: `BUYER#${w.buyerId}`,
    sk: `WITHDRAWAL#${w.withdrawalId}`,
    // Sparse: only while the bank has not answered, for the operator's list of withdrawals to settle.
    ...(w.status === 'PENDING'
      ? { gsi4pk: 'WITHDRAWALS#PENDING', gsi4sk: `WITHDRAWAL#${w.requestedAt}#${w.withdrawalId}` }
      : {}),
  }),
  event: (e: Pick<TimelineEvent, 'orderNo' | 'at'>) => ({
    pk: `ORDER#${e.orderNo}`,
    // The random tail keeps two events of the same millisecond apart; the time keeps them in order.
    sk: `EVENT#${e.at}#${randomBytes(4).toString('hex')}`,
  }),
  cart: (c: Pick<Cart, 'cartNo'>) => ({ pk: `CART#${c.cartNo}`, sk: 'CART' }),
  /** Beside what it waits for, in the same partition. */
  wait: (w: WaitFor) =>
    'claimId' in w ? { pk: `CLAIM#${w.claimId}`, sk: 'WAIT' } : { pk: `ORDER#${w.orderNo}`, sk: `WAIT#${w.refundId}` },
  counter: (scope: string, shard: number) => ({ pk: `COUNTS#${scope}#${two(shard)}`, sk: 'COUNTS' }),
};

type OrderKeyFields = Pick<
  Order,
  'orderNo' | 'sellerId' | 'orderedAt' | 'cartNo' | 'status' | 'expectedShipDate' | 'paidAt' | 'shippedAt'
> & {
  buyer: { id: string };
};

/**
 * gsi3 by shipping: an unshipped order with a ship date by that date (sparse, so the overdue ones are
 * one short query); a shipped one by when it shipped (the order search by shipping date).
 */
function byShipping(o: OrderKeyFields): { gsi3pk?: string; gsi3sk?: string } {
  if (o.shippedAt) return { gsi3pk: shardOf(lists.shipped(o.sellerId), o.orderNo), gsi3sk: dateSortKey(o, 'SHIPPED')! };
  if (isUnshipped(o.status) && o.expectedShipDate) {
    return { gsi3pk: shardOf(lists.shipDates(o.sellerId), o.orderNo), gsi3sk: `${o.expectedShipDate}#${o.orderNo}` };
  }
  return {};
}

export function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const value = { ...item };
  for (const key of KEY_ATTRIBUTES) delete value[key];
  return value as T;
}

export const encodeCursor = (sortKey: string) => Buffer.from(JSON.stringify({ after: sortKey })).toString('base64url');

export function decodeCursor(cursor: string | undefined, prefix: string): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'string' && after.startsWith(prefix) && after.length < 200) return after;
  } catch {
    // not one of ours
  }
  throw new InvalidCursorError('The cursor is not one this list gave out.');
}

/**
 * A refused condition or a conflicting transaction is a concurrent change (the use case reads again); anything else is
 * itself.
 */
export function asConcurrentChange(error: unknown): unknown {
  if (error instanceof ConditionalCheckFailedException)
    return new ConcurrentChangeError('Changed since read: ConditionalCheckFailed');
  if (error instanceof TransactionCanceledException) {
    const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    if (reasons.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict'))
      return new ConcurrentChangeError(`Changed since read: ${reasons.join(', ')}`);
  }
  return error;
}

/** 100 keys a request (DynamoDB's limit), ten requests at a time; unprocessed keys are asked again with backoff. */
export async function batchGet(
  db: DynamoDBDocumentClient,
  tableName: string,
  keyList: { pk: string; sk: string }[],
): Promise<Item[]> {
  const unique = [...new Map(keyList.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const batches: Item[][] = [];
  for (let i = 0; i < unique.length; i += 100) batches.push(unique.slice(i, i + 100));
  const items: Item[] = [];
  const readBatch = async (batch: Item[]) => {
    let pending: Item[] | undefined = batch;
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt === 8) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const page: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(page.Responses?.[tableName] ?? []));
      pending = page.UnprocessedKeys?.[tableName]?.Keys;
    }
  };
  await mapLimited(batches, 10, readBatch);
  return items;
}
