// The ClaimStore on one DynamoDB table. Keys and indexes: docs/STORAGE.md.

import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { ConcurrentChangeError, type BuyerLedger, type ClaimStore, type OrderRecords, type TimelineEvent, type Write } from '../app/ports.js';
import type { Claim } from '../domain/claim.js';
import { emptyBalance, type Balance, type LedgerEntry, type Withdrawal } from '../domain/ledger.js';
import type { BuyerMessage } from '../domain/message.js';
import type { Order } from '../domain/order.js';
import type { Refund } from '../domain/refund.js';

type Item = Record<string, unknown>;

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity'] as const;

export const keys = {
  order: (o: Pick<Order, 'orderNo' | 'sellerId' | 'orderedAt' | 'cartNo'>) => ({
    pk: `ORDER#${o.orderNo}`,
    sk: 'ORDER',
    gsi1pk: `SELLER#${o.sellerId}`,
    gsi1sk: `ORDER#${o.orderedAt}#${o.orderNo}`,
    gsi2pk: `CART#${o.cartNo}`,
    gsi2sk: `ORDER#${o.orderNo}`,
  }),
  claim: (c: Pick<Claim, 'claimId' | 'sellerId' | 'requestedAt'>) => ({
    pk: `CLAIM#${c.claimId}`,
    sk: 'CLAIM',
    gsi1pk: `SELLER#${c.sellerId}`,
    gsi1sk: `CLAIM#${c.requestedAt}#${c.claimId}`,
    // Every claim, for the operator's list: one partition, fine at claim volumes (docs/STORAGE.md).
    gsi2pk: 'CLAIMS',
    gsi2sk: `CLAIM#${c.requestedAt}#${c.claimId}`,
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
};

function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const value = { ...item };
  for (const key of KEY_ATTRIBUTES) delete value[key];
  return value as T;
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

  async ordersOfSeller(sellerId: string, range: { from?: string; to?: string }): Promise<Order[]> {
    const from = `ORDER#${range.from ?? ''}`;
    const to = `ORDER#${range.to ?? '9999'}\uffff`;
    const items = await this.queryAll({
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :seller AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':seller': `SELLER#${sellerId}`, ':from': from, ':to': to },
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

  async listClaims(sellerId?: string): Promise<Claim[]> {
    const [IndexName, partition, pk] = sellerId ? ['gsi1', 'gsi1pk', `SELLER#${sellerId}`] : ['gsi2', 'gsi2pk', 'CLAIMS'];
    const sort = IndexName === 'gsi1' ? 'gsi1sk' : 'gsi2sk';
    const refs = await this.queryAll({
      TableName: this.tableName,
      IndexName,
      KeyConditionExpression: `${partition} = :pk AND begins_with(${sort}, :claim)`,
      ExpressionAttributeValues: { ':pk': pk, ':claim': 'CLAIM#' },
      ProjectionExpression: 'claimId',
    });
    // The index gives the list; each claim is read again from the table, consistently.
    const claims = await this.getClaims(refs.map((ref) => ref.claimId as string));
    return claims.sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
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
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: writes.map((write) => ({ Put: this.put(write) })) }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
        if (reasons.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) {
          throw new ConcurrentChangeError(`Changed since read: ${reasons.join(', ')}`);
        }
      }
      throw error;
    }
  }

  private put(write: Write) {
    const base = { TableName: this.tableName };
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

  private async get<T>(Key: { pk: string; sk: string }): Promise<T | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }));
    return strip<T>(Item);
  }

  private async queryAll(input: QueryCommandInput): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...input, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  private async batchGet(keyList: { pk: string; sk: string }[]): Promise<Item[]> {
    const items: Item[] = [];
    const unique = [...new Map(keyList.map((key) => [key.pk, key])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Item[] | undefined = unique.slice(i, i + 100);
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt === 8) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${attempt} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const page: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        items.push(...(page.Responses?.[this.tableName] ?? []));
        pending = page.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return items;
  }
}
