// The upgrade step for the buyer's order list, over DynamoDB Local: an order stored before the
// index existed (no gsi5 keys) is listed once the step has run; its version and fields are untouched;
// running it again does nothing.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { indexBuyerOrders } from '../../infra/admin/index-buyer-orders.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamo-store.js';
import { anOrder } from '../support/fixtures.js';
import { uniqueNo } from '../support/http.js';

describe('npm run admin -- index-buyer-orders', () => {
  it('lists an order stored before the index, leaves the order as it was, and a second run does nothing', async () => {
    const local = { endpoint: inject('dynamoDbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const client = new DynamoDBClient(local);
    const db = DynamoDBDocumentClient.from(client);
    const table = inject('tableName');
    const store = new DynamoClaimStore(table, client);
    const buyer = { id: uniqueNo('B-OLD'), email: 'old-buyer@example.jp', country: 'JP' };
    const order = anOrder({ orderNo: uniqueNo('OLD'), cartNo: uniqueNo('CART-OLD'), buyer, version: 0 });
    await store.commit([{ entity: 'order', value: order, from: null }]);
    // As an order written before the index: without its keys.
    await db.send(new UpdateCommand({ TableName: table, Key: { pk: `ORDER#${order.orderNo}`, sk: 'ORDER' }, UpdateExpression: 'REMOVE gsi5pk, gsi5sk' }));
    const before = (await db.send(new GetCommand({ TableName: table, Key: { pk: `ORDER#${order.orderNo}`, sk: 'ORDER' } }))).Item!;
    expect((await store.buyerOrders(buyer.id, { limit: 10 })).items).toEqual([]);

    expect((await indexBuyerOrders(db, table)).indexed).toBeGreaterThanOrEqual(1);
    expect((await store.buyerOrders(buyer.id, { limit: 10 })).items.map((o) => o.orderNo)).toEqual([order.orderNo]);
    const after = (await db.send(new GetCommand({ TableName: table, Key: { pk: `ORDER#${order.orderNo}`, sk: 'ORDER' } }))).Item!;
    expect(after).toEqual({ ...before, gsi5pk: `BUYER#${buyer.id}`, gsi5sk: `ORDER#${order.orderedAt}#${order.orderNo}` });
    expect(await indexBuyerOrders(db, table)).toEqual({ indexed: 0 });
  });
});
