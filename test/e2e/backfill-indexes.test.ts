// The upgrade step, over DynamoDB Local: an order stored before gsi5 is listed for its buyer, and a
// withdrawal PENDING before the operator's list is in it, once the step has run; nothing else of
// them changes; an answered withdrawal stays out; running it again does nothing.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { backfillIndexes } from '../../infra/admin/backfill-indexes.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamo-store.js';
import type { Withdrawal } from '../../shared/domain/ledger.js';
import { anOrder } from '../support/fixtures.js';
import { uniqueNo } from '../support/http.js';
import { changeOf } from '../../shared/app/change-set.js';

describe('npm run admin -- backfill-indexes', () => {
  it('indexes what was stored before, leaves each item otherwise as it was, and a second run does nothing', async () => {
    const local = { endpoint: inject('dynamoDbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
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
    await store.commit(changeOf([{ entity: 'order', value: order, from: null }, { entity: 'withdrawal', value: pending, from: null }, { entity: 'withdrawal', value: answered, from: null }]));
    // As items written before this version: without the new entries.
    const orderKey = { pk: `ORDER#${order.orderNo}`, sk: 'ORDER' };
    const pendingKey = { pk: `BUYER#${buyer.id}`, sk: `WITHDRAWAL#${pending.withdrawalId}` };
    await db.send(new UpdateCommand({ TableName: table, Key: orderKey, UpdateExpression: 'REMOVE gsi5pk, gsi5sk' }));
    await db.send(new UpdateCommand({ TableName: table, Key: pendingKey, UpdateExpression: 'REMOVE gsi4pk, gsi4sk' }));
    const read = async (key: Record<string, string>) => (await db.send(new GetCommand({ TableName: table, Key: key }))).Item!;
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
    expect(await read(orderKey)).toEqual({ ...before.order, gsi5pk: `BUYER#${buyer.id}`, gsi5sk: `ORDER#${order.orderedAt}#${order.orderNo}` });
    expect(await read(pendingKey)).toEqual({ ...before.pending, gsi4pk: 'WITHDRAWALS#PENDING', gsi4sk: `WITHDRAWAL#${pending.requestedAt}#${pending.withdrawalId}` });
    expect(await backfillIndexes(db, table)).toEqual({ orders: 0, withdrawals: 0 });
  });
});
