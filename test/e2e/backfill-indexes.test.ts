// The upgrade step, over DynamoDB Local: an order stored before gsi5 is listed for its buyer, and a
// withdrawal PENDING before the operator's list is in it, once the step has run; nothing else of
// them changes; an answered withdrawal stays out; running it again does nothing.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { backfillIndexes } from '../../infra/admin/backfill-indexes.js';
import { keys } from '../../shared/adapters/dynamo-items.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamo-store.js';
import type { Withdrawal } from '../../shared/domain/ledger.js';
import type { Claim } from '../../shared/domain/claim.js';
import { anOrder } from '../support/fixtures.js';
import { uniqueNo } from '../support/http.js';
import { changeOf } from '../../shared/app/changes/change-set.js';

describe('npm run admin -- backfill-indexes', () => {
  it(
    'indexes what was stored before, leaves each item otherwise as it was, and a second run does ' + 'nothing',
    async () => {
      const local = {
        endpoint: inject('dynamoDbEndpoint'),
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      };
      const client = new DynamoDBClient(local);
      const db = DynamoDBDocumentClient.from(client);
      const table = inject('tableName');
      const store = new DynamoClaimStore(table, client);
      const buyer = { id: uniqueNo('B-OLD'), email: 'old-buyer@example.jp', country: 'JP' };
      const order = anOrder({ orderNo: uniqueNo('OLD'), cartNo: uniqueNo('CART-OLD'), buyer, version: 0 });
      const withdrawal = (status: Withdrawal['status']): Withdrawal => ({
        withdrawalId: uniqueNo('W-OLD'),
        buyerId: buyer.id,
        amount: { amount: 100, currency: 'JPY' },
        bankAccount: { bankName: 'みずほ銀行', branch: '渋谷', accountNumber: '1234567', holder: 'ヤマダ ハナコ' },
        status,
        requestedAt: '2021-01-01T00:00:00.000Z',
        updatedAt: '2021-01-01T00:00:00.000Z',
        version: 0,
      });
      const pending = withdrawal('PENDING');
      const answered = withdrawal('COMPLETED');
      await store.commit(
        changeOf([
          { entity: 'order', value: order, from: null },
          { entity: 'withdrawal', value: pending, from: null },
          { entity: 'withdrawal', value: answered, from: null },
        ]),
      );
      // As items written before this version: without the new entries.
      const orderKey = { pk: `ORDER#${order.orderNo}`, sk: 'ORDER' };
      const pendingKey = { pk: `BUYER#${buyer.id}`, sk: `WITHDRAWAL#${pending.withdrawalId}` };
      await db.send(new UpdateCommand({ TableName: table, Key: orderKey, UpdateExpression: 'REMOVE gsi5pk, gsi5sk' }));
      await db.send(
        new UpdateCommand({ TableName: table, Key: pendingKey, UpdateExpression: 'REMOVE gsi4pk, gsi4sk' }),
      );
      const read = async (key: Record<string, string>) =>
        (await db.send(new GetCommand({ TableName: table, Key: key }))).Item!;
      const before = { order: await read(orderKey), pending: await read(pendingKey) };
      const pendingIds = async () => (await store.pendingWithdrawals({ limit: 100 })).items.map((w) => w.withdrawalId);
      expect((await store.buyerOrders(buyer.id, { limit: 10 })).items).toEqual([]);
      expect(await pendingIds()).not.toContain(pending.withdrawalId);

      const first = await backfillIndexes(db, table);
      expect(first.orders).toBeGreaterThanOrEqual(1);
      expect(first.withdrawals).toBeGreaterThanOrEqual(1);
      expect((await store.buyerOrders(buyer.id, { limit: 10 })).items.map((o) => o.orderNo)).toEqual([order.orderNo]);
      expect(await pendingIds()).toContain(pending.withdrawalId);
      expect(await pendingIds()).not.toContain(answered.withdrawalId);
      expect(await read(orderKey)).toEqual({
        ...before.order,
        gsi5pk: `BUYER#${buyer.id}`,
        gsi5sk: `ORDER#${order.orderedAt}#${order.orderNo}`,
      });
      expect(await read(pendingKey)).toEqual({
        ...before.pending,
        gsi4pk: 'WITHDRAWALS#PENDING',
        gsi4sk: `WITHDRAWAL#${pending.requestedAt}#${pending.withdrawalId}`,
      });
      expect(await backfillIndexes(db, table)).toMatchObject({ orders: 0, withdrawals: 0 });
    },
  );

  it(
    'moves the lists and counters stored before the shards to their shards: the lists find them, the counts add ' +
      'them, a second run moves nothing',
    async () => {
      const local = {
        endpoint: inject('dynamoDbEndpoint'),
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      };
      const client = new DynamoDBClient(local);
      const db = DynamoDBDocumentClient.from(client);
      const table = inject('tableName');
      const store = new DynamoClaimStore(table, client);
      const sellerId = uniqueNo('S-OLD');
      const order = anOrder({ orderNo: uniqueNo('OLD'), cartNo: uniqueNo('CART-OLD'), sellerId, version: 0 });
      const at = new Date().toISOString();
      const claim: Claim = {
        claimId: uniqueNo('C-OLD'),
        type: 'SELLER_CANCEL',
        status: 'REQUESTED',
        orderNo: order.orderNo,
        orderNos: [order.orderNo],
        excluded: [],
        cartNo: order.cartNo,
        sellerId,
        buyerId: order.buyer.id,
        reason: 'OUT_OF_STOCK',
        fault: 'SELLER',
        scope: 'ORDER',
        sellerMemo: '在庫切れ',
        requestedBy: { role: 'seller', id: sellerId },
        requestedAt: at,
        // Changed far ahead: the stack's reconciler leaves it alone.
        updatedAt: '2999-12-31T00:00:00.000Z',
        version: 0,
      };
      await store.commit(
        changeOf([
          { entity: 'order', value: order, from: null },
          { entity: 'claim', value: claim, from: null },
        ]),
      );
      // As stored before the shards: one partition key per list, the counters under one.
      const orderKey = { pk: `ORDER#${order.orderNo}`, sk: 'ORDER' };
      const claimKey = { pk: `CLAIM#${claim.claimId}`, sk: 'CLAIM' };
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: orderKey,
          UpdateExpression: 'SET gsi1pk = :seller, gsi4pk = :month',
          ExpressionAttributeValues: {
            ':seller': `SELLER#${sellerId}`,
            ':month': `ORDERS#${order.orderedAt.slice(0, 7)}`,
          },
        }),
      );
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: claimKey,
          UpdateExpression: 'SET gsi1pk = :seller, gsi3pk = :status, gsi4pk = :open',
          ExpressionAttributeValues: {
            ':seller': `SELLER#${sellerId}`,
            ':status': `SELLER#${sellerId}#CLAIMS#REQUESTED`,
            ':open': 'OPEN#REQUESTED',
          },
        }),
      );
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { pk: `COUNTS#SELLER#${sellerId}`, sk: 'SHARD#03', 'order.NEW': 7, 'claim.REQUESTED': 2 },
        }),
      );
      const listed = async () =>
        (
          await store.listClaims(
            { sellerId, asOf: new Date().toISOString(), delayCutoff: '2000-01-01T00:00:00.000Z' },
            { limit: 10 },
          )
        ).items.map((c) => c.claimId);
      expect(await listed()).toEqual([]);
      const countsBefore = await store.statusCounts(sellerId);

      const first = await backfillIndexes(db, table);

      expect(first.listEntries).toBeGreaterThanOrEqual(2);
      expect(first.counters).toBeGreaterThanOrEqual(1);
      expect(await listed()).toEqual([claim.claimId]);
      const counts = await store.statusCounts(sellerId);
      expect(counts.orders.NEW).toBe((countsBefore.orders.NEW ?? 0) + 7);
      expect(counts.claims.REQUESTED).toBe((countsBefore.claims.REQUESTED ?? 0) + 2);
      const read = async (key: Record<string, string>) =>
        (await db.send(new GetCommand({ TableName: table, Key: key }))).Item!;
      expect(await read(orderKey)).toMatchObject(keys.order(order));
      expect(await read(claimKey)).toMatchObject(keys.claim(claim));
      expect(
        (await db.send(new GetCommand({ TableName: table, Key: { pk: `COUNTS#SELLER#${sellerId}`, sk: 'SHARD#03' } })))
          .Item,
      ).toBeUndefined();
      await backfillIndexes(db, table);
      expect(await store.statusCounts(sellerId)).toEqual(counts);
    },
  );
});
