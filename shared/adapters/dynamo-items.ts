// The one table's items as the stores write them (docs/STORAGE.md): keys, what a read strips of them,
// page cursors, and what a refused conditional write means. Shared by the claim and bulk stores.

import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { mapLimited } from '../map-limited.js';
import { ConcurrentChangeError, InvalidCursorError, type Cart, type TimelineEvent, type WaitFor } from '../app/ports.js';
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

/** Counter items per scope: concurrent transactions add to different shards instead of colliding on one item. */
export const COUNTER_SHARDS = 32;

export const month = (iso: string) => iso.slice(0, 7);
export const claimSort = (c: Pick<Claim, 'claimId' | 'requestedAt'>) => `CLAIM#${c.requestedAt}#${c.claimId}`;
export const orderSort = (o: Pick<Order, 'orderNo' | 'orderedAt'>) => `ORDER#${o.orderedAt}#${o.orderNo}`;

export const keys = {
  order: (o: OrderKeyFields) => ({
    pk: `ORDER#${o.orderNo}`,
    sk: 'ORDER',
    gsi1pk: `SELLER#${o.sellerId}`,
    gsi1sk: orderSort(o),
    gsi2pk: `CART#${o.cartNo}`,
    gsi2sk: `ORDER#${o.orderNo}`,
    ...byShipping(o),
    gsi4pk: `ORDERS#${month(o.orderedAt)}`,
    gsi4sk: orderSort(o),
    gsi5pk: `BUYER#${o.buyer.id}`,
    gsi5sk: orderSort(o),
    ...(o.paidAt ? { gsi6pk: `SELLER#${o.sellerId}#PAID`, gsi6sk: dateSortKey(o, 'PAID') } : {}),
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
  withdrawal: (w: Pick<Withdrawal, 'buyerId' | 'withdrawalId' | 'status' | 'requestedAt'>) => ({
    pk: `BUYER#${w.buyerId}`,
    sk: `WITHDRAWAL#${w.withdrawalId}`,
    // Sparse: only while the bank has not answered, for the operator's list of withdrawals to settle.
    ...(w.status === 'PENDING' ? { gsi4pk: 'WITHDRAWALS#PENDING', gsi4sk: `WITHDRAWAL#${w.requestedAt}#${w.withdrawalId}` } : {}),
  }),
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

type OrderKeyFields = Pick<Order, 'orderNo' | 'sellerId' | 'orderedAt' | 'cartNo' | 'status' | 'expectedShipDate' | 'paidAt' | 'shippedAt'> & {
  buyer: { id: string };
};

/**
 * gsi3 by shipping: an unshipped order with a ship date by that date (sparse, so the overdue ones are
 * one short query); a shipped one by when it shipped (the order search by shipping date).
 */
function byShipping(o: OrderKeyFields): { gsi3pk?: string; gsi3sk?: string } {
  if (o.shippedAt) return { gsi3pk: `SELLER#${o.sellerId}#SHIPPED`, gsi3sk: dateSortKey(o, 'SHIPPED')! };
  if (isUnshipped(o.status) && o.expectedShipDate) return { gsi3pk: `SELLER#${o.sellerId}#SHIPDATE`, gsi3sk: `${o.expectedShipDate}#${o.orderNo}` };
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

/** A refused condition or a conflicting transaction is a concurrent change (the use case reads again); anything else is itself. */
export function asConcurrentChange(error: unknown): unknown {
  if (error instanceof ConditionalCheckFailedException) return new ConcurrentChangeError('Changed since read: ConditionalCheckFailed');
  if (error instanceof TransactionCanceledException) {
    const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    if (reasons.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) return new ConcurrentChangeError(`Changed since read: ${reasons.join(', ')}`);
  }
  return error;
}

/** 100 keys a request (DynamoDB's limit), ten requests at a time; unprocessed keys are asked again with backoff. */
export async function batchGet(db: DynamoDBDocumentClient, tableName: string, keyList: { pk: string; sk: string }[]): Promise<Item[]> {
  const unique = [...new Map(keyList.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const batches: Item[][] = [];
  for (let i = 0; i < unique.length; i += 100) batches.push(unique.slice(i, i + 100));
  const items: Item[] = [];
  const readBatch = async (batch: Item[]) => {
    let pending: Item[] | undefined = batch;
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt === 8) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const page: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(page.Responses?.[tableName] ?? []));
      pending = page.UnprocessedKeys?.[tableName]?.Keys;
    }
  };
  await mapLimited(batches, 10, readBatch);
  return items;
}
